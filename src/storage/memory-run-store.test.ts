import { MemoryRunStore } from './memory-run-store.js';
import { describeRunStoreContract } from './run-store.contract.js';

describeRunStoreContract('MemoryRunStore', () => new MemoryRunStore());
