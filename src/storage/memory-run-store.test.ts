import { MemoryRunStore } from '#engine';
import { describeRunStoreContract } from './run-store.contract.js';

describeRunStoreContract('MemoryRunStore', (options) => new MemoryRunStore(options));
