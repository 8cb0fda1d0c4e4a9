import type { HistoryEvent, RunRecord, Workflow } from '#shared';
import type { RunStore } from '../engine/ports.js';

/** What both stores of this layer offer beyond the engine's port: bundles, deletion, group commit. */
export interface FullRunStore extends RunStore {
  getCheckpoint(runId: string, seq: number): { seq: number; state: unknown } | undefined;
  putCheckpoint(runId: string, seq: number, state: unknown): void;
  /** Stores a run recorded elsewhere (history only, never executed); CONFLICT if the id exists. */
  importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): void;
  /** Removes the run with its workflow, events and checkpoints; RUN_NOT_FOUND if absent. */
  deleteRun(runId: string): void;
  /** Runs `fn` as one atomic unit; nested calls (and the store's own writes) join it. */
  transaction<T>(fn: () => T): T;
}
