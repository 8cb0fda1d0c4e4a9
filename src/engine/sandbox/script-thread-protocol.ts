import type { ErrorCode } from '#shared';
import type { ScriptRequest } from './script-types.js';

// The messages between a script pool and its threads. Free of the interpreter, so that a page's
// main bundle can speak it without loading QuickJS (its Web Worker does, see script-thread-work.ts).

/** A script sent to a script thread. */
export interface ScriptJob {
  id: number;
  request: ScriptRequest;
}

/** A script thread's answer to job `id`: the script's JSON result, or its error as code and message. */
export type ScriptReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; code: ErrorCode; message: string };

/** What a script thread posts once its interpreter is loaded: from then on a job's deadline is the job's own. */
export interface ScriptThreadReady {
  ready: true;
}

/** Everything a script thread posts to its pool. */
export type ScriptThreadMessage = ScriptReply | ScriptThreadReady;

export function isThreadReady(message: ScriptThreadMessage): message is ScriptThreadReady {
  return 'ready' in message;
}
