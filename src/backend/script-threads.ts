import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  isThreadReady,
  ScriptPool,
  type Logger,
  type ScriptRunner,
  type ScriptThreadMessage,
  type SpawnScriptThread,
} from '#engine';
import { findPackage } from './package-root.js';

/** Threads kept warm for scripts; more scripts at once wait for one. */
const POOL_SIZE = Math.max(2, Math.min(4, availableParallelism()));
/** How long past its timeout a script's thread has before it is terminated. */
const KILL_GRACE_MS = 250;
/** V8 heap of a script thread: QuickJS's memory is its own (limited per script), this is the thread's JS. */
const THREAD_HEAP_MB = 64;

function threadFile(): string | undefined {
  const pkg = findPackage();
  const file = pkg === undefined ? undefined : join(pkg.root, 'dist', 'script-thread.js');
  return file !== undefined && existsSync(file) ? file : undefined;
}

function spawnWith(file: string): SpawnScriptThread {
  return (events) => {
    const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } });
    // An idle thread must not keep the process alive (a CLI command ends when its work does). A
    // thread not yet online is referenced again when it comes online: unref once more then.
    let busy = false;
    worker.unref();
    worker.once('online', () => {
      if (!busy) worker.unref();
    });
    let ended = false;
    const died = (reason: string) => {
      if (ended) return;
      ended = true;
      events.died(reason);
    };
    worker.on('message', (message: ScriptThreadMessage) => {
      if (isThreadReady(message)) {
        events.ready();
        return;
      }
      const reply = message;
      busy = false;
      worker.unref();
      events.reply(reply);
    });
    worker.on('error', (error) => died(error.message));
    worker.on('exit', (code) => died(`it exited with code ${code}`));
    return {
      post(job) {
        busy = true;
        worker.ref();
        worker.postMessage(job);
      },
      terminate() {
        ended = true;
        void worker.terminate();
      },
    };
  };
}

let shared: { runner: ScriptRunner | undefined } | undefined;

/**
 * The process's script runner: a pool of warm worker threads, terminated at each script's deadline,
 * so that no script holds up this process's event loop. Undefined (scripts run in-process, with a
 * warning) when the thread bundle is missing, i.e. the sources run without `npm run build`.
 */
export function scriptThreads(logger: Logger): ScriptRunner | undefined {
  if (shared !== undefined) return shared.runner;
  const file = threadFile();
  if (file === undefined) {
    logger.log('warn', 'dist/script-thread.js is missing (run npm run build): script nodes run on the main thread');
    shared = { runner: undefined };
    return undefined;
  }
  const pool = new ScriptPool({ spawn: spawnWith(file), size: POOL_SIZE, killGraceMs: KILL_GRACE_MS });
  shared = { runner: (request, signal) => pool.run(request, signal) };
  return shared.runner;
}
