import { z } from 'zod';
import { deployedTriggerWorkflows, RunWorker, startTriggerHost } from '#backend';
import { wholeNumber } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { sessionLogger, withHost } from '../host-session.js';
import { MAX_WAIT_OPTION } from '../options.js';
import { outcomeJson } from '../outcome-output.js';
import { stopRequested } from '../stop-requested.js';

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_POLL_MS = 500;
const DEFAULT_LEASE_MS = 10_000;
/** A worker leaves timers later than this waiting (and claims the run again when they fall due). */
const DEFAULT_MAX_WAIT_MS = 1000;

const WorkerArgs = z.object({
  concurrency: wholeNumber(1).pipe(z.int().max(256, 'expected at most 256')).optional(),
  name: z.string().min(1, 'expected a name').optional(),
  pollMs: wholeNumber(10).optional(),
  leaseMs: wholeNumber(1000).optional(),
  maxWait: wholeNumber(0).optional(),
  untilIdle: z.boolean().optional(),
});

export const workerCommand = defineCommand({
  name: 'worker',
  summary: 'drive the runs of a shared store: new, interrupted, timer due, input arrived',
  usage: 'worker [--concurrency N] [--name ID] [--poll-ms MS] [--lease-ms MS] [--max-wait MS] [--until-idle]',
  description: [
    'Claims runs that need driving from the store and drives them, N at a time (default 4),',
    'each under a lease it renews while it drives (default 10000 ms): one worker drives a run at',
    'a time, and the runs of a worker that dies are taken over once its leases expire. Runs',
    'started with `run --detach` (or through a server on a shared store) are driven here.',
    'Prints one line per run it drove once that run ended or waits (with --json, the usual',
    'outcome line). SIGTERM or Ctrl-C drains: it claims no more runs, finishes the ones it',
    'holds, and exits 0. --until-idle exits once nothing is due and nothing is being driven.',
    'It also fires the schedule triggers of the workflows `switchyard deploy` put in the store.',
  ].join('\n'),
  positionals: [],
  options: {
    concurrency: { type: 'string', value: 'N', description: `runs driven at once (default ${DEFAULT_CONCURRENCY})` },
    name: { type: 'string', value: 'ID', description: "this worker's name in run leases (default HOST:PID:RANDOM)" },
    'poll-ms': {
      type: 'string',
      value: 'MS',
      description: `look for due runs every MS milliseconds when nothing wakes it (default ${DEFAULT_POLL_MS})`,
    },
    'lease-ms': {
      type: 'string',
      value: 'MS',
      description: `how long a claim lasts unless renewed (default ${DEFAULT_LEASE_MS})`,
    },
    'max-wait': {
      ...MAX_WAIT_OPTION,
      description: `wait in-process for timers due within MS milliseconds (default ${DEFAULT_MAX_WAIT_MS}); later ones are claimed again when due`,
    },
    'until-idle': { type: 'boolean', description: 'exit once no run is due and none is being driven' },
  },
  schema: WorkerArgs,
  async run(ctx, args) {
    const stop = new AbortController();
    const signals = stopRequested(undefined);
    void signals.done.then((reason) => {
      ctx.io.stderr(`switchyard worker: ${reason} received, finishing the runs it holds\n`);
      stop.abort();
    });
    try {
      return await withHost(
        ctx,
        {
          maxInlineWaitMs: args.maxWait ?? DEFAULT_MAX_WAIT_MS,
          leaseMs: args.leaseMs ?? DEFAULT_LEASE_MS,
          ...(args.name === undefined ? {} : { owner: args.name }),
        },
        async (host) => {
          const concurrency = args.concurrency ?? DEFAULT_CONCURRENCY;
          ctx.io.stderr(`switchyard worker ${host.engine.owner}: driving up to ${concurrency} runs at once\n`);
          const worker = new RunWorker(host.engine, {
            concurrency,
            pollMs: args.pollMs ?? DEFAULT_POLL_MS,
            untilIdle: args.untilIdle ?? false,
            logger: sessionLogger(ctx),
            ...(host.store.watchRuns === undefined ? {} : { watch: host.store.watchRuns.bind(host.store) }),
            onOutcome: (outcome) =>
              ctx.out.result(outcomeJson(outcome), () => ctx.out.line(`run ${outcome.runId} ${outcome.status}`)),
          });
          // The triggers of `switchyard deploy`ed workflows: each fire is recorded once, whichever worker sees it first.
          const triggers = await startTriggerHost({
            load: () => deployedTriggerWorkflows(host.store),
            store: host.store,
            start: (workflow, trigger, input) => host.engine.start(workflow, input, { trigger, detach: true }),
            logger: sessionLogger(ctx),
          });
          try {
            await worker.run(stop.signal);
          } finally {
            await triggers.stop();
          }
          return 0;
        },
      );
    } finally {
      signals.dispose();
    }
  },
});
