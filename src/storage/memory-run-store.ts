import type { HistoryEvent, RunRecord, Workflow } from '#shared';
import type { RunFilter, RunUpdate } from '../engine/ports.js';
import { toEventRow, toHistoryEvent } from './event-rows.js';
import type { EventRow } from './event-rows.js';
import type { FullRunStore } from './full-run-store.js';
import { decodeJson, encodeJson } from './json-columns.js';
import { assertContinues, assertLimit, runConflict, runNotFound, seqBounds } from './run-store-rules.js';
import { applyUpdate, decodeWorkflow, encodeUpdate, encodeWorkflow, toRunRecord, toRunRow } from './run-rows.js';
import type { RunRow } from './run-rows.js';

interface Entry {
  row: RunRow;
  workflow: string;
  /** events[i] has seq i + 1: the gap check keeps it so. */
  events: EventRow[];
  checkpoints: Map<number, string | null>;
}

/**
 * A RunStore with no I/O, for engine tests and the browser. It keeps the same column
 * encoding as SqliteRunStore (JSON text), so values read back exactly as they would from disk.
 */
export class MemoryRunStore implements FullRunStore {
  private runs = new Map<string, Entry>();

  createRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[] = []): void {
    this.insert(toRunRow(run, events.length, run.imported ?? false), workflow, events);
  }

  importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): void {
    this.insert(toRunRow(run, events.length, true), workflow, events);
  }

  append(runId: string, events: readonly HistoryEvent[], update?: RunUpdate): void {
    const entry = this.entry(runId);
    assertContinues(runId, entry.row.lastSeq, events);
    // Encode everything before mutating so a value that is not JSON leaves the run as it was.
    const rows = events.map((event) => toEventRow(runId, event));
    const encoded = encodeUpdate(runId, update);
    for (const row of rows) entry.events.push(row);
    entry.row = applyUpdate(entry.row, encoded, entry.row.lastSeq + rows.length);
  }

  getRun(runId: string): RunRecord | undefined {
    const entry = this.runs.get(runId);
    return entry === undefined ? undefined : toRunRecord(entry.row);
  }

  getWorkflow(runId: string): Workflow | undefined {
    const entry = this.runs.get(runId);
    return entry === undefined ? undefined : decodeWorkflow(runId, entry.workflow);
  }

  listRuns(filter: RunFilter = {}): RunRecord[] {
    assertLimit(filter.limit);
    const rows = [...this.runs.values()]
      .map((entry) => entry.row)
      .filter(
        (row) =>
          (filter.status === undefined || row.status === filter.status) &&
          (filter.workflowId === undefined || row.workflowId === filter.workflowId) &&
          (filter.parentRun === undefined || row.parentRun === filter.parentRun),
      )
      .sort((a, b) => compare(b.startedAt, a.startedAt) || compare(a.id, b.id));
    return rows.slice(0, filter.limit).map(toRunRecord);
  }

  events(runId: string, fromSeq?: number, toSeq?: number): HistoryEvent[] {
    const entry = this.runs.get(runId);
    const { from, to } = seqBounds(fromSeq, toSeq);
    if (entry === undefined || to < from) return [];
    return entry.events.slice(from - 1, to).map((row) => toHistoryEvent(runId, row));
  }

  lastSeq(runId: string): number | undefined {
    return this.runs.get(runId)?.row.lastSeq;
  }

  getCheckpoint(runId: string, seq: number): { seq: number; state: unknown } | undefined {
    const checkpoints = this.runs.get(runId)?.checkpoints ?? new Map<number, string | null>();
    let best: number | undefined;
    for (const at of checkpoints.keys()) if (at <= seq && (best === undefined || at > best)) best = at;
    if (best === undefined) return undefined;
    return { seq: best, state: decodeJson(checkpoints.get(best) ?? null, `checkpoint ${best} of run "${runId}"`) };
  }

  putCheckpoint(runId: string, seq: number, state: unknown): void {
    const entry = this.entry(runId);
    entry.checkpoints.set(seq, encodeJson(state, `checkpoint ${seq} of run "${runId}"`));
  }

  deleteRun(runId: string): void {
    if (!this.runs.delete(runId)) throw runNotFound(runId);
  }

  /** Restores the state from before `fn` if it throws; nested calls roll back only their own part. */
  transaction<T>(fn: () => T): T {
    const before = this.snapshot();
    try {
      return fn();
    } catch (err) {
      this.runs = before;
      throw err;
    }
  }

  private insert(row: RunRow, workflow: Workflow, events: readonly HistoryEvent[]): void {
    if (this.runs.has(row.id)) throw runConflict(row.id);
    assertContinues(row.id, 0, events);
    this.runs.set(row.id, {
      row,
      workflow: encodeWorkflow(row.id, workflow),
      events: events.map((event) => toEventRow(row.id, event)),
      checkpoints: new Map(),
    });
  }

  private entry(runId: string): Entry {
    const entry = this.runs.get(runId);
    if (entry === undefined) throw runNotFound(runId);
    return entry;
  }

  private snapshot(): Map<string, Entry> {
    const copy = new Map<string, Entry>();
    for (const [id, entry] of this.runs) {
      copy.set(id, { ...entry, events: [...entry.events], checkpoints: new Map(entry.checkpoints) });
    }
    return copy;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
