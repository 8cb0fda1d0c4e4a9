export { runScript } from './run-script.js';
export { DEFAULT_SCRIPT_LIMITS } from './script-limits.js';
export type { ScriptRequest, ScriptScope } from './script-types.js';
