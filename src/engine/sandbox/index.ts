export { runScript } from './run-script.js';
export { DEFAULT_SCRIPT_LIMITS } from './script-limits.js';
export type { ScriptRequest, ScriptScope } from './script-types.js';
export {
  ScriptPool,
  type ScriptPoolOptions,
  type ScriptThread,
  type ScriptThreadEvents,
  type SpawnScriptThread,
} from './script-pool.js';
export { isThreadReady, type ScriptJob, type ScriptReply, type ScriptThreadMessage } from './script-thread-protocol.js';
export { announceWhenReady, answerScriptJob } from './script-thread-work.js';
