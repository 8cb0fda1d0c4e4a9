// The entry of a page script thread (a Web Worker): the page's counterpart of the backend's
// script-thread.ts, speaking the same protocol, so that "run to here" runs script nodes in QuickJS
// off the page's main thread.
import { announceWhenReady, answerScriptJob, type ScriptJob } from '#engine';

// Loaded at once, so that the thread is warm before its first script arrives; the pool sends none before.
announceWhenReady((ready) => self.postMessage(ready));
self.addEventListener('message', (event: MessageEvent<ScriptJob>) => {
  void answerScriptJob(event.data).then((reply) => self.postMessage(reply));
});
