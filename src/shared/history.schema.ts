import { z } from 'zod';
import { RunTrigger } from './trigger.schema.js';

export const HISTORY_EVENT_TYPES = [
  'run.started',
  'node.entered',
  'node.completed',
  'node.failed',
  'node.retrying',
  'approval.requested',
  'approval.decided',
  'signal.received',
  'timer.fired',
  'run.waiting',
  'run.resumed',
  'run.completed',
  'run.failed',
  'run.cancelled',
] as const;
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

/** One entry of a run's append-only history (DESIGN.md §4). `at` is an ISO-8601 time. */
export const HistoryEvent = z.strictObject({
  seq: z.int().positive(),
  at: z.iso.datetime(),
  type: z.enum(HISTORY_EVENT_TYPES),
  node: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const RUN_STATUSES = ['running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;
/** The statuses of a run that has ended: nothing moves it on any more. */
export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'cancelled']);
/** The events that end a run: none follows them. */
export const TERMINAL_EVENT_TYPES: ReadonlySet<string> = new Set(['run.completed', 'run.failed', 'run.cancelled']);

export const ErrorInfoSchema = z.object({ code: z.string(), message: z.string() });

/** What a process is waiting on when a run pauses. */
export const WaitingOn = z.object({
  node: z.string(),
  kind: z.string(),
  /** For timers: when they fire (ISO time). */
  dueAt: z.string().optional(),
  /** For subflow/forEach waits: the child runs still going. */
  runs: z.array(z.string()).optional(),
  /** For runs that wait on a child run: where the child waits. */
  via: z.string().optional(),
});
export type WaitingOn = z.infer<typeof WaitingOn>;

/** The state of a run after event `seq`, rebuilt from history alone. */
export const RunState = z.object({
  seq: z.int().nonnegative(),
  status: RunStatus,
  active: z.array(z.string()),
  context: z.object({
    input: z.unknown(),
    vars: z.record(z.string(), z.unknown()),
    steps: z.record(
      z.string(),
      z.object({ output: z.unknown().optional(), error: ErrorInfoSchema.optional(), attempts: z.int().nonnegative() }),
    ),
  }),
});
export type RunState = z.infer<typeof RunState>;

/**
 * The node failures a run routed to an `error` port and went on from (derived from its
 * history, never stored): a `completed` run with any is "completed with handled errors".
 */
export const HandledErrors = z.object({
  /** How many failures were handled (a node in a loop may count more than once). */
  count: z.int().positive(),
  /** The nodes that failed, in the order they first did, each once. */
  nodes: z.array(z.string()),
  /** The first handled failure. */
  first: z.object({ node: z.string(), seq: z.int().positive(), error: ErrorInfoSchema }),
});
export type HandledErrors = z.infer<typeof HandledErrors>;

/** A run's summary row in the store. */
export const RunRecord = z.object({
  id: z.string(),
  workflowId: z.string(),
  version: z.int(),
  status: RunStatus,
  input: z.unknown(),
  output: z.unknown().optional(),
  error: ErrorInfoSchema.optional(),
  parentRun: z.string().optional(),
  /** Fork point in the parent run (absent for child runs of subflow/forEach). */
  forkSeq: z.int().optional(),
  /** For child runs: the parent's node that started this run. */
  parentNode: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /** True for runs imported from a bundle: history only, never executed. */
  imported: z.boolean().optional(),
  /** The trigger that started the run (absent for runs started by hand). */
  trigger: RunTrigger.optional(),
});
export type RunRecord = z.infer<typeof RunRecord>;

/**
 * How a list of runs is ordered: by start time (`newest` first, the default, or `oldest`) or
 * by duration (`longest` or `shortest` first; a run still going counts the time it has run so
 * far). Ties go newest first.
 */
export const RUN_ORDERS = ['newest', 'oldest', 'longest', 'shortest'] as const;
export const RunOrder = z.enum(RUN_ORDERS);
export type RunOrder = z.infer<typeof RunOrder>;
