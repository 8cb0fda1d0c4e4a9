export { compileWorkflow, type CompileResult } from './compile-workflow.js';
export { DONE_STATE, FAILED_STATE } from './compile-scope.js';
export type {
  InvokeJson,
  JsonValue,
  MachineConfigJson,
  NamedRef,
  StateJson,
  TransitionJson,
  TransitionsJson,
} from './machine-config.js';
export { createMachineFromWorkflow } from './machine.js';
