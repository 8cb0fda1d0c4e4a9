import { SwitchyardError, type ErrorCode } from '#shared';
import { runScript } from './run-script.js';
import type { ScriptRequest } from './script-types.js';

/** A script sent to a script thread. */
export interface ScriptJob {
  id: number;
  request: ScriptRequest;
}

/** A script thread's answer to job `id`: the script's JSON result, or its error as code and message. */
export type ScriptReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; code: ErrorCode; message: string };

/**
 * What a script thread (a Node worker thread, a Web Worker) does with each job it receives:
 * runs it with `runScript` and turns any failure into a reply, so the thread itself never throws.
 */
export async function answerScriptJob(job: ScriptJob): Promise<ScriptReply> {
  try {
    return { id: job.id, ok: true, value: await runScript(job.request) };
  } catch (error) {
    const failure =
      error instanceof SwitchyardError
        ? error
        : new SwitchyardError(
            'SCRIPT_FAILED',
            `the script thread failed: ${error instanceof Error ? error.message : String(error)}`,
          );
    return { id: job.id, ok: false, code: failure.code, message: failure.message };
  }
}
