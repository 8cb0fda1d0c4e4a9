import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '#shared';
import { ScriptPool, type ScriptThreadEvents, type SpawnScriptThread } from './script-pool.js';
import type { ScriptJob } from './script-thread-protocol.js';
import { answerScriptJob } from './script-thread-work.js';
import { DEFAULT_SCRIPT_LIMITS } from './script-limits.js';
import type { ScriptRequest } from './script-types.js';
import { failure } from '../testing/failure.test-support.js';

const scope: ScriptRequest['scope'] = { input: { n: 2 }, vars: {}, steps: {}, attempt: 1 };
const request = (code: string, timeoutMs = DEFAULT_SCRIPT_LIMITS.timeoutMs): ScriptRequest => ({
  code,
  scope,
  timeoutMs,
  memoryLimitBytes: DEFAULT_SCRIPT_LIMITS.memoryLimitBytes,
});

/**
 * Threads in this process: a job answers through the real interpreter, except code 'hang', which
 * never answers (a native call the interpreter cannot interrupt), and code 'die', whose thread dies.
 * `boot` says when a thread is ready (at once by default).
 */
function fakeThreads(boot: (events: ScriptThreadEvents) => void = (events) => events.ready()): {
  spawn: SpawnScriptThread;
  spawned: number;
  terminated: number;
  running: number;
} {
  const tally = { spawned: 0, terminated: 0, running: 0 };
  const spawn: SpawnScriptThread = (events: ScriptThreadEvents) => {
    tally.spawned += 1;
    let alive = true;
    boot(events);
    return {
      post(job: ScriptJob) {
        tally.running += 1;
        if (job.request.code === 'hang') return;
        if (job.request.code === 'die') {
          setTimeout(() => events.died('out of memory'), 1);
          return;
        }
        void answerScriptJob(job).then((reply) => {
          tally.running -= 1;
          if (alive) events.reply(reply);
        });
      },
      terminate() {
        alive = false;
        tally.terminated += 1;
      },
    };
  };
  return Object.assign(tally, { spawn });
}

describe('ScriptPool', () => {
  it('runs scripts on its threads and keeps them warm', async () => {
    const threads = fakeThreads();
    const pool = new ScriptPool({ spawn: threads.spawn, size: 2, killGraceMs: 50 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((k) => pool.run(request(`return input.n * ${k};`))));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(await pool.run(request('return 1;'))).toBe(1);
    expect(threads.spawned).toBe(2);
    pool.close();
  });

  it("starts a script's deadline only once its thread is ready, however long the thread takes to start", async () => {
    const threads = fakeThreads((events) => setTimeout(() => events.ready(), 150));
    const pool = new ScriptPool({ spawn: threads.spawn, size: 1, killGraceMs: 10 });
    expect(await pool.run(request('return input.n + 1;', 20))).toBe(3);
    expect(threads.terminated).toBe(0);
    pool.close();
  });

  it('fails the waiting scripts when a thread dies before it is ready, and tries a fresh thread next time', async () => {
    let boots = 0;
    const threads = fakeThreads((events) => {
      boots += 1;
      if (boots === 1) setTimeout(() => events.died('cannot load the interpreter'), 5);
      else events.ready();
    });
    const pool = new ScriptPool({ spawn: threads.spawn, size: 1, killGraceMs: 10 });
    const error = await failure(pool.run(request('return 1;')));
    expect(error.message).toContain('cannot load the interpreter');
    expect(await pool.run(request('return 2;'))).toBe(2);
    expect(threads.spawned).toBe(2);
    pool.close();
  });

  it('gives the script errors back as SwitchyardErrors', async () => {
    const pool = new ScriptPool({ spawn: fakeThreads().spawn, size: 1, killGraceMs: 50 });
    const error = await failure(pool.run(request('throw new Error("nope");')));
    expect(error.code).toBe('SCRIPT_FAILED');
    expect(error.message).toBe('script threw: nope (line 1)');
    pool.close();
  });

  it('terminates a thread that does not answer by the deadline, and replaces it', async () => {
    const threads = fakeThreads();
    const pool = new ScriptPool({ spawn: threads.spawn, size: 1, killGraceMs: 20 });
    const started = Date.now();
    const error = await failure(pool.run(request('hang', 30)));
    expect(error.code).toBe('SCRIPT_TIMEOUT');
    expect(error.message).toBe('script ran longer than 30 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(threads.terminated).toBe(1);
    expect(await pool.run(request('return 7;'))).toBe(7);
    expect(threads.spawned).toBe(2);
    pool.close();
  });

  it('runs the queued scripts once a stuck one is terminated', async () => {
    const pool = new ScriptPool({ spawn: fakeThreads().spawn, size: 1, killGraceMs: 10 });
    const stuck = failure(pool.run(request('hang', 20)));
    const queued = pool.run(request('return "next";'));
    expect((await stuck).code).toBe('SCRIPT_TIMEOUT');
    expect(await queued).toBe('next');
    pool.close();
  });

  it('terminates the thread when the caller aborts, failing with the reason', async () => {
    const threads = fakeThreads();
    const pool = new ScriptPool({ spawn: threads.spawn, size: 1, killGraceMs: 10 });
    const abort = new AbortController();
    const running = failure(pool.run(request('hang', 60_000), abort.signal));
    abort.abort(new SwitchyardError('TIMEOUT', 'timed out after 5 ms'));
    expect((await running).message).toBe('timed out after 5 ms');
    expect(threads.terminated).toBe(1);
    // A fresh thread takes its place at once, warm for the next script.
    expect(threads.spawned).toBe(2);
    const before = new AbortController();
    before.abort();
    expect((await failure(pool.run(request('return 1;'), before.signal))).code).toBe('CANCELLED');
    pool.close();
  });

  it('fails the script whose thread died and goes on with a fresh thread', async () => {
    const threads = fakeThreads();
    const pool = new ScriptPool({ spawn: threads.spawn, size: 1, killGraceMs: 10 });
    const error = await failure(pool.run(request('die')));
    expect(error).toMatchObject({ code: 'SCRIPT_FAILED', message: "the script's thread stopped: out of memory" });
    expect(await pool.run(request('return 3;'))).toBe(3);
    expect(threads.spawned).toBe(2);
    pool.close();
  });

  it('fails what is queued or running when closed', async () => {
    const pool = new ScriptPool({ spawn: fakeThreads().spawn, size: 1, killGraceMs: 10 });
    const running = failure(pool.run(request('hang', 60_000)));
    const queued = failure(pool.run(request('return 1;')));
    pool.close();
    expect((await running).message).toBe('the script pool closed');
    expect((await queued).message).toBe('the script pool closed');
    expect((await failure(pool.run(request('return 1;')))).message).toBe('the script pool is closed');
  });
});
