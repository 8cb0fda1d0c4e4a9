export * from './ports.js';
export * from './model/index.js';
export * from './compile/index.js';
export {
  Engine,
  MAX_SUBFLOW_DEPTH,
  type EngineOptions,
  type StartOptions,
  type ResumeAllResult,
  type SkippedRun,
} from './runtime/engine.js';
export { RunLeasedError } from './runtime/run-lease.js';
export { pinnedTasks, callsOut, type PinnedTasksOptions } from './runtime/pinned-tasks.js';
export { earliestTimer } from './runtime/wake-at.js';
export type { RunOutcome } from './runtime/run-driver.js';
export type { ApprovalDecisionInput, ExternalInput } from './runtime/external-input.js';
export {
  emptyFold,
  foldEvents,
  toRunState,
  applyEvent,
  DEFAULT_MAX_STEPS,
  type RunFold,
  type ActiveNode,
  type PendingEntry,
} from './history/run-fold.js';
export {
  checkExpression,
  checkTemplate,
  evaluateExpression,
  renderTemplate,
  seededRandom,
  secretScope,
  type ExprEnv,
  type ExprScope,
  type StepScope,
} from './expr/index.js';
export { inputProblems, assertValidInput } from './model/input-schema.js';
export { foldAt, stateAt, CHECKPOINT_EVERY } from './history/state-at.js';
export { changedPaths, forkChangesOf, isForkStart } from './history/fork-changes.js';
export { exportRunBundle, importRunBundle, parseRunBundle } from './history/run-bundle.js';
export { replayCheck, type ReplayVerdict } from './history/replay-check.js';
export { handledErrors } from './history/handled-errors.js';
export { SimulatedClock } from './testing/simulated-clock.js';
export {
  createSwitchyardMachine,
  switchyardOutcome,
  type SwitchyardImplementations,
  type SwitchyardOutput,
} from './machine/switchyard-machine.js';
export {
  RouteMachine,
  routeMachineOf,
  type MachineState,
  type RouteAction,
  type RouteEvent,
} from './machine/route-machine.js';
export { MemoryRunStore, type MemoryRunStoreOptions } from './store/memory-run-store.js';
export type { FullRunStore } from './store/full-run-store.js';
export type { DeployedWorkflow, ScheduleState, TriggerStore } from './store/trigger-store.js';
export {
  ScriptPool,
  announceWhenReady,
  answerScriptJob,
  isThreadReady,
  type ScriptJob,
  type ScriptThreadMessage,
  type SpawnScriptThread,
} from './sandbox/index.js';
export * from './triggers/index.js';
