import {
  isThreadReady,
  ScriptPool,
  type ScriptRunner,
  type ScriptThreadMessage,
  type SpawnScriptThread,
} from '#engine';

/** How long past its timeout a script's worker has before it is terminated (as on the backend). */
const KILL_GRACE_MS = 250;
const POOL_SIZE = 1;

const spawnWebWorker: SpawnScriptThread = (events) => {
  const worker = new Worker(new URL('./script-worker.ts', import.meta.url), { type: 'module', name: 'script' });
  worker.addEventListener('message', (event: MessageEvent<ScriptThreadMessage>) => {
    if (isThreadReady(event.data)) events.ready();
    else events.reply(event.data);
  });
  worker.addEventListener('error', (event) => events.died(event.message || 'the script worker failed to load'));
  return {
    post: (job) => worker.postMessage(job),
    terminate: () => worker.terminate(),
  };
};

let pool: ScriptPool | undefined;

/** The page's script runner: QuickJS in a Web Worker, started on the first script, terminated at each script's deadline. */
export function pageScripts(): ScriptRunner {
  return (request, signal) => {
    pool ??= new ScriptPool({ spawn: spawnWebWorker, size: POOL_SIZE, killGraceMs: KILL_GRACE_MS });
    return pool.run(request, signal);
  };
}
