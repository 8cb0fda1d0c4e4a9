import { z } from 'zod';
import { LIMITS } from './limits.js';
import { Identity } from './identity.js';
import { SecretInfo, SecretList, SecretName, SecretValue } from './secrets.js';
import { ForkChanges } from './fork-changes.schema.js';
import { PinnedOutput, WorkflowPins } from './pins.schema.js';
import { NodeId } from './node-base.schema.js';
import { WorkflowId } from './workflow.schema.js';
import {
  ErrorInfoSchema,
  HandledErrors,
  HistoryEvent,
  RunOrder,
  RunRecord,
  RunState,
  RunStatus,
  WaitingOn,
} from './history.schema.js';

/**
 * The Backend API: one typed handler map that is the whole contract between the UI and the
 * backend, implemented once (src/backend) and carried by two transports: Electron IPC and
 * HTTP (`switchyard serve`). Every call answers with an envelope `{ data } | { error }`.
 */

/** A workflow file name inside the workspace, e.g. `order-approval.flow.json` (no folders). */
export const WorkflowFileName = z
  .string()
  // ASCII only, so its length is its size in bytes, which file systems limit.
  .max(LIMITS.fileNameBytes, `a file name is at most ${LIMITS.fileNameBytes} characters (limit fileNameBytes)`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]*\.flow\.json$/, 'expected a file name ending in .flow.json, without folders');

export const ProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  node: z.string().optional(),
  edge: z.string().optional(),
  trigger: z.string().optional(),
  field: z.string().optional(),
});
export type ProblemInfo = z.infer<typeof ProblemSchema>;

export const WorkflowSummary = z.object({
  file: WorkflowFileName,
  id: z.string().optional(),
  name: z.string().optional(),
  version: z.number().optional(),
  modifiedAt: z.string(),
  /** Set when the file is not a valid workflow. */
  error: z.string().optional(),
});
export type WorkflowSummary = z.infer<typeof WorkflowSummary>;

export const RunOutcomeSchema = z.object({
  runId: z.string(),
  status: RunStatus,
  output: z.unknown(),
  error: ErrorInfoSchema.nullable(),
  waitingOn: z.array(WaitingOn),
});
export type RunOutcomeInfo = z.infer<typeof RunOutcomeSchema>;

const RunId = z.string().min(1);

/** A row of the runs list: the run, and for a completed run the failures it handled (if any). */
export const RunListItem = RunRecord.extend({ handledErrors: HandledErrors.optional() });
export type RunListItem = z.infer<typeof RunListItem>;
const JsonObject = z.record(z.string(), z.unknown());

const Empty = z.strictObject({});

/** One decision recorded on a waiting approval. */
export const ApprovalDecision = z.object({
  decision: z.enum(['approved', 'rejected']),
  by: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
});

/** An approval node a run is waiting on (the approvals inbox). */
export const ApprovalInfo = z.object({
  runId: z.string(),
  workflowId: z.string(),
  version: z.int(),
  node: z.string(),
  title: z.string(),
  description: z.string().optional(),
  /** Who may decide; empty: anyone. */
  approvers: z.array(z.string()),
  minApprovals: z.int().positive(),
  approvals: z.array(ApprovalDecision),
  /** When the run entered the approval node (ISO). */
  waitingSince: z.string(),
  /** When the approval times out (ISO), if it does. */
  timeoutAt: z.string().optional(),
  /** Whether the caller (see `whoami`) may decide it now; `reason` says why not. */
  canDecide: z.boolean(),
  reason: z.string().optional(),
});
export type ApprovalInfo = z.infer<typeof ApprovalInfo>;

/** The replay check's answer: clean, or the first seq at which the other version acts differently. */
export const ReplayVerdictInfo = z.discriminatedUnion('clean', [
  z.object({ clean: z.literal(true), events: z.int().nonnegative() }),
  z.object({ clean: z.literal(false), seq: z.int().nonnegative(), node: z.string().nullable(), message: z.string() }),
]);
export type ReplayVerdictInfo = z.infer<typeof ReplayVerdictInfo>;

/** The run store this backend uses, as the UI shows it (never with a password). */
export const StoreInfo = z.object({
  kind: z.enum(['sqlite', 'postgres']),
  /** The SQLite file's path, or the PostgreSQL URL less its password. */
  location: z.string(),
  /** What chose it: the built-in default, SWITCHYARD_STORE, a command-line option, the app's setting. */
  source: z.enum(['default', 'environment', 'command line', 'app setting']),
  /** Whether `connectStore` may change it here (the desktop app); `reason` says why not. */
  switchable: z.boolean(),
  reason: z.string().optional(),
  /** The chosen store could not be opened at start, so this one is used instead: why. */
  problem: z.string().optional(),
});
export type StoreInfo = z.infer<typeof StoreInfo>;

/** A store URL as `connectStore` takes it (`postgres://…`, `sqlite:PATH` or a path). */
const StoreUrlText = z.string().trim().min(1).max(2048);
const Version = z.int().positive();

/** The saved versions of one workflow, newest first; `current` is the version its workspace file holds. */
export const VersionList = z.object({
  workflowId: z.string(),
  file: WorkflowFileName.nullable(),
  current: z.int().nullable(),
  versions: z.array(z.object({ version: Version, savedAt: z.string() })),
});
export type VersionList = z.infer<typeof VersionList>;

/** One recorded run replayed against a saved version: the version it ran and the verdict. */
export const RunReplayInfo = z.object({
  runId: z.string(),
  status: RunStatus,
  startedAt: z.string(),
  version: z.int(),
  verdict: ReplayVerdictInfo,
});
export type RunReplayInfo = z.infer<typeof RunReplayInfo>;

/**
 * `detach`: answer as soon as the new run's first events are committed (status `running`),
 * and let it go on in the background; its events stream live. Without it the call answers
 * when the run completes, fails or waits.
 */
const Detach = z.boolean().optional();

/** Every method: its params schema and its result schema. */
export const BACKEND_METHODS = {
  listWorkflows: { params: Empty, result: z.array(WorkflowSummary) },
  openWorkflow: {
    params: z.strictObject({ file: WorkflowFileName }),
    result: z.object({ file: WorkflowFileName, workflow: z.unknown(), problems: z.array(ProblemSchema) }),
  },
  /** Saves the document; when `bumpVersion` is set the version goes up by one if the content changed. */
  saveWorkflow: {
    params: z.strictObject({ file: WorkflowFileName, workflow: JsonObject, bumpVersion: z.boolean().optional() }),
    result: z.object({ file: WorkflowFileName, version: z.number().optional(), problems: z.array(ProblemSchema) }),
  },
  renameWorkflow: {
    params: z.strictObject({ file: WorkflowFileName, to: WorkflowFileName }),
    result: z.object({ file: WorkflowFileName }),
  },
  deleteWorkflow: { params: z.strictObject({ file: WorkflowFileName }), result: z.object({ file: WorkflowFileName }) },
  /** Adds a workflow from file text (a format-1 document); refuses to overwrite unless asked. */
  importWorkflow: {
    params: z.strictObject({ fileName: z.string().min(1), text: z.string(), overwrite: z.boolean().optional() }),
    result: z.object({ file: WorkflowFileName, problems: z.array(ProblemSchema) }),
  },
  /** The exportable file: format 1 with `statechart` and every referenced subflow. */
  exportWorkflow: {
    params: z.strictObject({ file: WorkflowFileName }),
    result: z.object({ fileName: z.string(), text: z.string() }),
  },
  validateWorkflow: {
    params: z.strictObject({ workflow: z.unknown() }),
    result: z.object({ problems: z.array(ProblemSchema) }),
  },
  compileWorkflow: {
    params: z.strictObject({ workflow: z.unknown() }),
    result: z.object({ config: z.unknown().nullable(), problems: z.array(ProblemSchema) }),
  },
  startRun: {
    params: z.strictObject({
      file: WorkflowFileName.optional(),
      workflow: z.unknown().optional(),
      input: z.unknown().optional(),
      maxSteps: z.int().positive().optional(),
      detach: Detach,
    }),
    result: RunOutcomeSchema,
  },
  /**
   * Newest first, unless `order` says otherwise (oldest, longest, shortest). `since`/`until` bound
   * the start time (ISO, inclusive); `text` matches run id or workflow id.
   */
  listRuns: {
    params: z.strictObject({
      status: RunStatus.optional(),
      workflowId: z.string().optional(),
      /** Only runs started by this trigger id (of any workflow, unless workflowId narrows it). */
      trigger: z.string().max(200).optional(),
      since: z.iso.datetime({ offset: true }).optional(),
      until: z.iso.datetime({ offset: true }).optional(),
      text: z.string().max(200).optional(),
      order: RunOrder.optional(),
      limit: z.int().positive().max(10_000).optional(),
    }),
    result: z.array(RunListItem),
  },
  getRun: {
    params: z.strictObject({ runId: RunId }),
    result: z.object({ run: RunRecord, workflow: z.unknown(), lastSeq: z.int() }),
  },
  getHistory: {
    params: z.strictObject({
      runId: RunId,
      fromSeq: z.int().nonnegative().optional(),
      toSeq: z.int().nonnegative().optional(),
    }),
    result: z.array(HistoryEvent),
  },
  stateAt: { params: z.strictObject({ runId: RunId, seq: z.int().nonnegative() }), result: RunState },
  /** A what-if fork: the state after `seq` with the given vars, input and step outputs changed. */
  forkRun: {
    params: z.strictObject({ runId: RunId, seq: z.int().positive(), ...ForkChanges.shape, detach: Detach }),
    result: RunOutcomeSchema,
  },
  /**
   * Records a decision as the caller (see `whoami`). `by` is never who decides: when given it
   * must be the caller's own name (else IDENTITY_MISMATCH), so a client cannot decide as someone else.
   */
  approve: {
    params: z.strictObject({
      runId: RunId,
      node: z.string().min(1),
      decision: z.enum(['approved', 'rejected']),
      by: z.string().min(1).optional(),
      comment: z.string().optional(),
    }),
    result: RunOutcomeSchema,
  },
  signal: {
    params: z.strictObject({ runId: RunId, event: z.string().min(1), data: z.unknown().optional() }),
    result: RunOutcomeSchema,
  },
  cancelRun: { params: z.strictObject({ runId: RunId, reason: z.string().optional() }), result: RunOutcomeSchema },
  /** Who the caller is: the OS user locally, the signed-in user of `serve --users`. */
  whoami: { params: Empty, result: Identity },
  /** Every approval that a waiting run waits on, oldest first, with whether the caller may decide it. */
  listApprovals: { params: Empty, result: z.array(ApprovalInfo) },
  /** The run bundle (DESIGN §4) as file text, with a file name to save it under. */
  exportRun: { params: z.strictObject({ runId: RunId }), result: z.object({ fileName: z.string(), text: z.string() }) },
  /** Reads a run bundle's text into the store as read-only history; the same bundle again is a no-op. */
  importRun: {
    params: z.strictObject({ text: z.string() }),
    result: z.object({ runId: z.string(), alreadyImported: z.boolean() }),
  },
  /** The host's secrets, names and sources only (values never leave the backend). */
  listSecrets: { params: Empty, result: SecretList },
  /** Sets or replaces a secret in the host's writable store (a secrets file, the desktop keychain). */
  setSecret: { params: z.strictObject({ name: SecretName, value: SecretValue }), result: SecretInfo },
  /** Removes a secret from the writable store; `deleted` is false when it was not there. */
  deleteSecret: { params: z.strictObject({ name: SecretName }), result: z.object({ deleted: z.boolean() }) },
  /** The run store in use and whether the app may switch it. */
  getStore: { params: Empty, result: StoreInfo },
  /**
   * Desktop app: connects to another run store (a team's PostgreSQL, or `null` for this computer's
   * own file) once it opened and checked it; the app restarts on it (`restarting`).
   */
  connectStore: {
    params: z.strictObject({ url: StoreUrlText.nullable() }),
    result: z.object({ store: StoreInfo, restarting: z.boolean() }),
  },
  /** The pinned sample outputs of a workflow's nodes (kept in the workspace, never in the document). */
  listPins: { params: z.strictObject({ workflowId: WorkflowId }), result: z.object({ pins: WorkflowPins }) },
  /** Pins `output` as node `node`'s sample output ("run to here" gives it instead of executing the node). */
  pinOutput: {
    params: z.strictObject({
      workflowId: WorkflowId,
      node: NodeId,
      output: z.unknown(),
      from: PinnedOutput.shape.from,
    }),
    result: z.object({ pin: PinnedOutput }),
  },
  /** Removes a node's pin; `deleted` is false when it had none. */
  unpinOutput: {
    params: z.strictObject({ workflowId: WorkflowId, node: NodeId }),
    result: z.object({ deleted: z.boolean() }),
  },
  /** Replays a recorded run against another version of its workflow (a document) without running any task. */
  replayCheck: { params: z.strictObject({ runId: RunId, workflow: z.unknown() }), result: ReplayVerdictInfo },
  /** Every saved version of a workflow (kept in the workspace by each save), newest first. */
  listVersions: { params: z.strictObject({ workflowId: WorkflowId }), result: VersionList },
  /** One saved version's document. */
  getVersion: {
    params: z.strictObject({ workflowId: WorkflowId, version: Version }),
    result: z.object({ workflowId: z.string(), version: Version, savedAt: z.string(), workflow: z.unknown() }),
  },
  /** The replay check of a saved version against the workflow's last `lastN` runs (newest first). */
  replayCheckVersion: {
    params: z.strictObject({ workflowId: WorkflowId, version: Version, lastN: z.int().positive().max(500) }),
    result: z.object({ workflowId: z.string(), version: Version, runs: z.array(RunReplayInfo) }),
  },
} as const;

export type BackendMethod = keyof typeof BACKEND_METHODS;
export type BackendParams<M extends BackendMethod> = z.input<(typeof BACKEND_METHODS)[M]['params']>;
export type BackendResult<M extends BackendMethod> = z.infer<(typeof BACKEND_METHODS)[M]['result']>;

/** What crosses a transport. */
export type Envelope<T> = { data: T } | { error: { code: string; message: string } };

/** The Backend API as the UI sees it: every method, async, throwing a BackendError on `{ error }`. */
export type BackendApi = { [M in BackendMethod]: (params: BackendParams<M>) => Promise<BackendResult<M>> };

/** A live event pushed to subscribers: the events a run just committed. */
export const RunEventsMessage = z.object({ runId: z.string(), events: z.array(HistoryEvent) });
export type RunEventsMessage = z.infer<typeof RunEventsMessage>;

export const BACKEND_METHOD_NAMES = Object.keys(BACKEND_METHODS) as BackendMethod[];
