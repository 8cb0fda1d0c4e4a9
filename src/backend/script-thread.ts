// The entry of a script worker thread (bundled to dist/script-thread.js): runs each script it is
// sent and answers with its result, so that a long script never holds up the process that serves.
import { parentPort } from 'node:worker_threads';
import { announceWhenReady, answerScriptJob, type ScriptJob } from '#engine';

const port = parentPort;
if (port === null) throw new Error('script-thread.js runs as a worker thread, not on its own');
// Loaded at once, so that the thread is warm before its first script arrives; the pool sends none before.
announceWhenReady((ready) => port.postMessage(ready));
port.on('message', (job: ScriptJob) => {
  void answerScriptJob(job).then((reply) => port.postMessage(reply));
});
