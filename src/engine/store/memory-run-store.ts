import type { HistoryEvent, RunOrder, RunRecord, Workflow } from '#shared';
import type { AppendOptions, CreateRunOptions, RunFilter, RunLease, RunUpdate } from '../ports.js';
import { toEventRow, toHistoryEvent } from './event-rows.js';
import type { EventRow } from './event-rows.js';
import type { FullRunStore } from './full-run-store.js';
import { decodeJson, encodeJson } from './json-columns.js';
import { MemoryLeases } from './memory-leases.js';
import { MemoryTriggerState } from './memory-trigger-state.js';
import type { DeployedWorkflow, ScheduleState } from './trigger-store.js';
import {
  assertContinues,
  assertLimit,
  createLeaseConflict,
  initialLease,
  assertOwnerMayAppend,
  releasedOwner,
  runConflict,
  triggerConflict,
  runNotFound,
  seqBounds,
} from './run-store-rules.js';
import type { InitialLease } from './run-store-rules.js';
import {
  applyUpdate,
  decodeDocument,
  decodeWorkflow,
  encodeUpdate,
  encodeWorkflow,
  toRunRecord,
  toRunRow,
} from './run-rows.js';
import type { NewRun, RunRow } from './run-rows.js';

interface Entry {
  row: RunRow;
  workflow: string;
  /** events[i] has seq i + 1: the gap check keeps it so. */
  events: EventRow[];
  checkpoints: Map<number, string | null>;
}

export interface MemoryRunStoreOptions {
  /** Lease time (ms since the epoch); tests move it. Default Date.now. */
  now?: () => number;
}

/**
 * A RunStore with no I/O, for engine tests and the browser (a draft run in the page). It keeps
 * the same column encoding as SqliteRunStore (JSON text), so values read back exactly as they
 * would from disk. Leases hold within this one store object.
 *
 * @example
 * const store = new MemoryRunStore();
 * const engine = new Engine({ clock, ids, store, fetch, logger });
 */
export class MemoryRunStore implements FullRunStore {
  private readonly runs = new Map<string, Entry>();
  private readonly leases: MemoryLeases;
  private readonly triggers = new MemoryTriggerState();
  private readonly now: () => number;

  constructor(options: MemoryRunStoreOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.leases = new MemoryLeases(this.now);
  }

  async createRun(
    run: NewRun,
    workflow: Workflow,
    events: readonly HistoryEvent[] = [],
    options?: CreateRunOptions,
  ): Promise<void> {
    const lease = initialLease(options);
    this.insert(toRunRow(run, events.length, run.imported ?? false), workflow, events, lease);
  }

  async importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): Promise<void> {
    this.insert(toRunRow(run, events.length, true), workflow, events);
  }

  async append(
    runId: string,
    events: readonly HistoryEvent[],
    update?: RunUpdate,
    options?: AppendOptions,
  ): Promise<void> {
    const released = releasedOwner(options);
    const entry = this.entry(runId);
    const owner = options?.owner;
    assertOwnerMayAppend(runId, owner, this.leases.holder(runId), entry.row.lastSeq, events);
    assertContinues(runId, entry.row.lastSeq, events);
    // Encode everything before mutating so a value that is not JSON leaves the run as it was.
    const rows = events.map((event) => toEventRow(runId, event));
    const encoded = encodeUpdate(runId, update);
    for (const row of rows) entry.events.push(row);
    entry.row = applyUpdate(entry.row, encoded, entry.row.lastSeq + rows.length);
    if (released !== undefined) this.leases.release(runId, released);
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const entry = this.runs.get(runId);
    return entry === undefined ? undefined : toRunRecord(entry.row);
  }

  async getWorkflow(runId: string): Promise<Workflow | undefined> {
    const entry = this.runs.get(runId);
    return entry === undefined ? undefined : decodeWorkflow(runId, entry.workflow);
  }

  async listRuns(filter: RunFilter = {}): Promise<RunRecord[]> {
    assertLimit(filter.limit);
    const rows = [...this.runs.values()]
      .map((entry) => entry.row)
      .filter(
        (row) =>
          (filter.status === undefined || row.status === filter.status) &&
          (filter.workflowId === undefined || row.workflowId === filter.workflowId) &&
          (filter.parentRun === undefined || row.parentRun === filter.parentRun) &&
          (filter.trigger === undefined || row.triggerId === filter.trigger),
      )
      .sort(runOrder(filter.order ?? 'newest', this.now()));
    return rows.slice(0, filter.limit).map(toRunRecord);
  }

  async events(runId: string, fromSeq?: number, toSeq?: number): Promise<HistoryEvent[]> {
    const entry = this.runs.get(runId);
    const { from, to } = seqBounds(fromSeq, toSeq);
    if (entry === undefined || to < from) return [];
    return entry.events.slice(from - 1, to).map((row) => toHistoryEvent(runId, row));
  }

  async lastSeq(runId: string): Promise<number | undefined> {
    return this.runs.get(runId)?.row.lastSeq;
  }

  async getCheckpoint(runId: string, seq: number): Promise<{ seq: number; state: unknown } | undefined> {
    const checkpoints = this.runs.get(runId)?.checkpoints ?? new Map<number, string | null>();
    let best: number | undefined;
    for (const at of checkpoints.keys()) if (at <= seq && (best === undefined || at > best)) best = at;
    if (best === undefined) return undefined;
    return { seq: best, state: decodeJson(checkpoints.get(best) ?? null, `checkpoint ${best} of run "${runId}"`) };
  }

  async putCheckpoint(runId: string, seq: number, state: unknown): Promise<void> {
    const entry = this.entry(runId);
    entry.checkpoints.set(seq, encodeJson(state, `checkpoint ${seq} of run "${runId}"`));
  }

  async deleteRun(runId: string): Promise<void> {
    if (!this.runs.delete(runId)) throw runNotFound(runId);
    this.leases.drop(runId);
  }

  async claim(runId: string, owner: string, leaseMs: number): Promise<boolean> {
    return this.leases.claim(runId, owner, leaseMs);
  }

  async renew(runId: string, owner: string, leaseMs: number): Promise<boolean> {
    return this.leases.renew(runId, owner, leaseMs);
  }

  async release(runId: string, owner: string): Promise<void> {
    this.leases.release(runId, owner);
  }

  async leaseOf(runId: string): Promise<RunLease | undefined> {
    return this.leases.live(runId);
  }

  async claimDue(owner: string, now: number, limit: number, leaseMs: number): Promise<string[]> {
    assertLimit(limit);
    const claimed: string[] = [];
    for (const { row } of this.runs.values()) {
      if (claimed.length >= limit) break;
      if (!isDue(row, now) || this.leases.live(row.id) !== undefined) continue;
      if (this.leases.claim(row.id, owner, leaseMs)) claimed.push(row.id);
    }
    return claimed;
  }

  async scheduleState(workflowId: string, triggerId: string): Promise<ScheduleState | undefined> {
    return this.triggers.scheduleState(workflowId, triggerId);
  }

  async putScheduleState(
    workflowId: string,
    triggerId: string,
    state: Omit<ScheduleState, 'version'>,
    expectedVersion: number,
  ): Promise<boolean> {
    return this.triggers.putScheduleState(workflowId, triggerId, state, expectedVersion);
  }

  async triggeredRun(workflowId: string, triggerId: string, key: string): Promise<RunRecord | undefined> {
    const found = this.findTriggered({ workflowId, triggerId, triggerKey: key });
    return found === undefined ? undefined : toRunRecord(found);
  }

  async deployWorkflow(workflow: Workflow, deployedAt: string): Promise<void> {
    this.triggers.deploy(workflow, deployedAt);
  }

  async undeployWorkflow(workflowId: string): Promise<boolean> {
    return this.triggers.undeploy(workflowId);
  }

  async deployedWorkflows(): Promise<DeployedWorkflow[]> {
    return this.triggers.list((text) => decodeDocument(text, 'a deployed workflow'));
  }

  private findTriggered(key: Pick<RunRow, 'workflowId' | 'triggerId' | 'triggerKey'>): RunRow | undefined {
    if (key.triggerKey === null) return undefined;
    for (const { row } of this.runs.values()) {
      if (row.workflowId === key.workflowId && row.triggerId === key.triggerId && row.triggerKey === key.triggerKey)
        return row;
    }
    return undefined;
  }

  private insert(row: RunRow, workflow: Workflow, events: readonly HistoryEvent[], lease?: InitialLease): void {
    if (this.runs.has(row.id)) throw runConflict(row.id);
    if (this.findTriggered(row) !== undefined) throw triggerConflict(row);
    assertContinues(row.id, 0, events);
    const entry: Entry = {
      row,
      workflow: encodeWorkflow(row.id, workflow),
      events: events.map((event) => toEventRow(row.id, event)),
      checkpoints: new Map(),
    };
    if (lease !== undefined && !this.leases.claim(row.id, lease.owner, lease.leaseMs))
      throw createLeaseConflict(row.id, lease.owner, this.leases.holder(row.id) ?? 'another owner');
    this.runs.set(row.id, entry);
  }

  private entry(runId: string): Entry {
    const entry = this.runs.get(runId);
    if (entry === undefined) throw runNotFound(runId);
    return entry;
  }
}

/** A top-level, non-imported run that needs driving: interrupted, or waiting with its wake time come. */
function isDue(row: RunRow, now: number): boolean {
  if (row.parentNode !== null || row.imported === 1) return false;
  if (row.status === 'running') return true;
  return row.status === 'waiting' && row.wakeAt !== null && Date.parse(row.wakeAt) <= now;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The SQL stores' ORDER BY of listRuns, for rows in memory. */
function runOrder(order: RunOrder, nowMs: number): (a: RunRow, b: RunRow) => number {
  const newest = (a: RunRow, b: RunRow): number => compare(b.startedAt, a.startedAt) || compare(a.id, b.id);
  const duration = (row: RunRow): number =>
    (row.endedAt === null ? nowMs : Date.parse(row.endedAt)) - Date.parse(row.startedAt);
  switch (order) {
    case 'newest':
      return newest;
    case 'oldest':
      return (a, b) => compare(a.startedAt, b.startedAt) || compare(a.id, b.id);
    case 'longest':
      return (a, b) => duration(b) - duration(a) || newest(a, b);
    case 'shortest':
      return (a, b) => duration(a) - duration(b) || newest(a, b);
  }
}
