import type { HistoryEvent, RunRecord, Workflow } from '#shared';
import type { RunStore } from '../ports.js';
import type { TriggerStore } from './trigger-store.js';

/** What the project's stores offer beyond the engine's port: checkpoints, bundles, deletion, triggers. */
export interface FullRunStore extends RunStore, TriggerStore {
  getCheckpoint(runId: string, seq: number): Promise<{ seq: number; state: unknown } | undefined>;
  putCheckpoint(runId: string, seq: number, state: unknown): Promise<void>;
  /** Stores a run recorded elsewhere (history only, never executed); CONFLICT if the id exists. */
  importRun(run: RunRecord, workflow: Workflow, events: readonly HistoryEvent[]): Promise<void>;
  /** Removes the run with its workflow, events, checkpoints and lease; RUN_NOT_FOUND if absent. */
  deleteRun(runId: string): Promise<void>;
}
