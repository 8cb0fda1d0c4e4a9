import { Engine, MemoryRunStore, pinnedTasks, type Clock, type RunOutcome, type ScriptRunner } from '#engine';
import { SwitchyardError, type HistoryEvent, type Workflow } from '#shared';

/** The id of the page's sample run (it lives in a store of its own, so it never meets a real run). */
export const SAMPLE_RUN_ID = 'r_sample';
/** Timers (delays, retries) due within this many ms are waited for; a later one stops the run, waiting. */
const MAX_INLINE_WAIT_MS = 3000;

export interface RunToHereRequest {
  workflow: Workflow;
  input: unknown;
  /** The node to run to: the run stops once it completed. */
  target: string;
  /** Pinned outputs by node id. */
  pins: ReadonlyMap<string, unknown>;
  scripts: ScriptRunner;
}

/** Why the sample run stopped. */
export type SampleStop =
  | { kind: 'reached' }
  | { kind: 'ended'; outcome: RunOutcome }
  | { kind: 'waiting'; outcome: RunOutcome }
  | { kind: 'unpinned'; node: string };

export interface SampleRun {
  /** The history up to where it stopped (the target's completion, at most). */
  events: HistoryEvent[];
  stop: SampleStop;
}

const pageClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted === true) return resolve();
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    }),
};

const noNetwork = (): Promise<Response> =>
  Promise.reject(new SwitchyardError('NOT_PINNED', 'a run on sample data makes no network calls'));

/**
 * Runs a draft in the page's own engine, on an in-memory store: pinned nodes give their pinned
 * output, scripts run in a Web Worker, an http node without a pin stops the run before it calls
 * anything, and the run stops once `target` completed (or it waits, or ends).
 *
 * @example
 * const { events, stop } = await runToHere({ workflow, input: {}, target: 'check', pins, scripts: pageScripts() });
 */
export async function runToHere(request: RunToHereRequest): Promise<SampleRun> {
  const store = new MemoryRunStore();
  const halt = new AbortController();
  let reachedAt: number | undefined;
  let unpinned: string | undefined;
  const tasks = pinnedTasks({
    pins: request.pins,
    unpinned: (node) => {
      unpinned = node.id;
      halt.abort();
      // The run stops here; the node never starts.
      return new Promise<never>(() => undefined);
    },
  });
  const engine = new Engine(
    {
      clock: pageClock,
      ids: { runId: () => SAMPLE_RUN_ID },
      store,
      fetch: noNetwork,
      logger: { log: () => undefined },
      scripts: request.scripts,
      tasks,
    },
    {
      signal: halt.signal,
      maxInlineWaitMs: MAX_INLINE_WAIT_MS,
      onEvents: (runId, events) => {
        if (runId !== SAMPLE_RUN_ID || reachedAt !== undefined) return;
        const done = events.find((e) => e.type === 'node.completed' && e.node === request.target);
        if (done === undefined) return;
        reachedAt = done.seq;
        halt.abort();
      },
    },
  );
  const outcome = await engine.start(request.workflow, request.input, { runId: SAMPLE_RUN_ID });
  const all = await store.events(SAMPLE_RUN_ID);
  if (reachedAt !== undefined) {
    const upTo = reachedAt;
    return { events: all.filter((e) => e.seq <= upTo), stop: { kind: 'reached' } };
  }
  if (unpinned !== undefined) return { events: all, stop: { kind: 'unpinned', node: unpinned } };
  return {
    events: all,
    stop: outcome.status === 'waiting' ? { kind: 'waiting', outcome } : { kind: 'ended', outcome },
  };
}
