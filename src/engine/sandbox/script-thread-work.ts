import { SwitchyardError } from '#shared';
import { acquireQuickJS } from './quickjs-loader.js';
import { runScript } from './run-script.js';
import type { ScriptJob, ScriptReply, ScriptThreadReady } from './script-thread-protocol.js';

/**
 * Loads the interpreter, then says so with `post` (also when loading failed: each script then
 * fails with the loader's error, which is clearer than a thread that never starts).
 */
export function announceWhenReady(post: (message: ScriptThreadReady) => void): void {
  const ready = () => post({ ready: true });
  void acquireQuickJS().then(ready, ready);
}

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
