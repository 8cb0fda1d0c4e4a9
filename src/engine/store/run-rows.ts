import { z } from 'zod';
import { ErrorInfoSchema, RunStatus, RunTrigger, runTriggerKey, SwitchyardError, Workflow } from '#shared';
import type { RunRecord } from '#shared';
import type { RunUpdate } from '../ports.js';
import { decodeJson, encodeJson } from './json-columns.js';

/** A run as both stores keep it: JSON columns as text, absent fields as null. */
export const RunRow = z.object({
  id: z.string(),
  workflowId: z.string(),
  version: z.int(),
  status: RunStatus,
  input: z.string().nullable(),
  output: z.string().nullable(),
  error: z.string().nullable(),
  parentRun: z.string().nullable(),
  forkSeq: z.int().nullable(),
  parentNode: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  imported: z.union([z.literal(0), z.literal(1)]),
  lastSeq: z.int(),
  wakeAt: z.string().nullable(),
  /** The RunTrigger as JSON; its id and key (runTriggerKey) again as columns, unique per workflow. */
  trigger: z.string().nullable(),
  triggerId: z.string().nullable(),
  triggerKey: z.string().nullable(),
});
export type RunRow = z.infer<typeof RunRow>;

/** A run as createRun takes it: the record, and when a waiting run next needs driving. */
export type NewRun = RunRecord & { wakeAt?: string | null };

export function toRunRow(run: NewRun, lastSeq: number, imported: boolean): RunRow {
  const what = `run "${run.id}"`;
  return {
    id: run.id,
    workflowId: run.workflowId,
    version: run.version,
    status: run.status,
    input: encodeJson(run.input, `the input of ${what}`),
    output: encodeJson(run.output, `the output of ${what}`),
    error: encodeJson(run.error, `the error of ${what}`),
    parentRun: run.parentRun ?? null,
    forkSeq: run.forkSeq ?? null,
    parentNode: run.parentNode ?? null,
    startedAt: run.startedAt,
    endedAt: run.endedAt ?? null,
    imported: imported ? 1 : 0,
    lastSeq,
    wakeAt: run.wakeAt ?? null,
    trigger: run.trigger === undefined ? null : JSON.stringify(run.trigger),
    triggerId: run.trigger?.id ?? null,
    // An imported run is history only: it never holds a fire time or delivery against live runs.
    triggerKey: run.trigger === undefined || imported ? null : (runTriggerKey(run.trigger) ?? null),
  };
}

export function toRunRecord(row: RunRow): RunRecord {
  const what = `run "${row.id}"`;
  const run: RunRecord = {
    id: row.id,
    workflowId: row.workflowId,
    version: row.version,
    status: row.status,
    input: decodeJson(row.input, `the input of ${what}`),
    startedAt: row.startedAt,
  };
  if (row.output !== null) run.output = decodeJson(row.output, `the output of ${what}`);
  if (row.error !== null) run.error = decodeError(row.error, what);
  if (row.parentRun !== null) run.parentRun = row.parentRun;
  if (row.forkSeq !== null) run.forkSeq = row.forkSeq;
  if (row.parentNode !== null) run.parentNode = row.parentNode;
  if (row.endedAt !== null) run.endedAt = row.endedAt;
  if (row.imported === 1) run.imported = true;
  if (row.trigger !== null) run.trigger = decodeTrigger(row.trigger, what);
  return run;
}

function decodeTrigger(text: string, what: string): RunTrigger {
  const parsed = RunTrigger.safeParse(decodeJson(text, `the trigger of ${what}`));
  if (!parsed.success)
    throw new SwitchyardError('STORE_FAILED', `the trigger of ${what} is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function decodeError(text: string, what: string): RunRecord['error'] {
  const parsed = ErrorInfoSchema.safeParse(decodeJson(text, `the error of ${what}`));
  if (!parsed.success)
    throw new SwitchyardError('STORE_FAILED', `the error of ${what} is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A RunUpdate in column form; the null/flag pairs say "leave unchanged". */
export interface EncodedUpdate {
  status: RunStatus | null;
  setOutput: 0 | 1;
  output: string | null;
  error: string | null;
  endedAt: string | null;
  setWakeAt: 0 | 1;
  wakeAt: string | null;
}

export function encodeUpdate(runId: string, update: RunUpdate = {}): EncodedUpdate {
  const what = `run "${runId}"`;
  // `output: null` is a real value (stored as the JSON text "null"); only an absent output leaves it unchanged.
  const setOutput = update.output !== undefined;
  return {
    status: update.status ?? null,
    setOutput: setOutput ? 1 : 0,
    output: setOutput ? encodeJson(update.output, `the output of ${what}`) : null,
    error: update.error === undefined ? null : encodeJson(update.error, `the error of ${what}`),
    endedAt: update.endedAt ?? null,
    setWakeAt: update.wakeAt === undefined ? 0 : 1,
    wakeAt: update.wakeAt ?? null,
  };
}

export function applyUpdate(row: RunRow, update: EncodedUpdate, lastSeq: number): RunRow {
  return {
    ...row,
    status: update.status ?? row.status,
    output: update.setOutput === 1 ? update.output : row.output,
    error: update.error ?? row.error,
    endedAt: update.endedAt ?? row.endedAt,
    wakeAt: update.setWakeAt === 1 ? update.wakeAt : row.wakeAt,
    lastSeq,
  };
}

export function encodeWorkflow(runId: string, workflow: Workflow): string {
  return encodeJson(workflow, `the workflow of run "${runId}"`) ?? 'null';
}

export function decodeWorkflow(runId: string, text: string): Workflow {
  return decodeDocument(text, `the workflow of run "${runId}"`);
}

/** A stored workflow document; STORE_FAILED naming `what` when it is not one. */
export function decodeDocument(text: string, what: string): Workflow {
  const parsed = Workflow.safeParse(decodeJson(text, what));
  if (!parsed.success)
    throw new SwitchyardError(
      'STORE_FAILED',
      `${what} is not a valid workflow document: ${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}
