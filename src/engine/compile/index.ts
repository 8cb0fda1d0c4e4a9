export { compileWorkflow, type CompileResult } from './compile-workflow.js';
export {
  CANCELLED_STATE,
  COMPLETED_STATE,
  FAILED_STATE,
  FAILING_STATE,
  RUN_CANCEL,
  RUN_FAIL,
  doneEvent,
  errorEvent,
} from './compile-scope.js';
export type {
  JsonValue,
  MachineConfigJson,
  NamedRef,
  StateJson,
  TransitionJson,
  TransitionsJson,
} from './machine-config.js';
