import { graphOf } from '#engine';
import type { BackendApi } from '#shared';
import { UNREADABLE_WORKFLOW } from '../run-model/unreadable-workflow.js';
import { toEditableDocument } from '../model/editable-document.js';
import { NO_RUN_YET, runScopeSource, type ScopeSourceState } from './scope-source.js';

/** The calls the preview makes: the newest run of a workflow and its history. */
export type LatestRunApi = Pick<BackendApi, 'listRuns' | 'getRun' | 'getHistory'>;

export interface LatestRun {
  /** Changes when there is a newer run or the run has more events: reload when it does. */
  key: string;
  state: ScopeSourceState;
}

/** The newest run's id and length, without its history (cheap: asked again after run events). */
export async function latestRunKey(api: LatestRunApi, workflowId: string): Promise<string | null> {
  const [run] = await api.listRuns({ workflowId, limit: 1 });
  if (run === undefined) return null;
  const { lastSeq } = await api.getRun({ runId: run.id });
  return `${run.id}:${lastSeq}`;
}

/** The scope source of the newest run of `workflowId` (any status), or "no run yet". */
export async function loadLatestRun(api: LatestRunApi, workflowId: string): Promise<LatestRun> {
  const [run] = await api.listRuns({ workflowId, limit: 1 });
  if (run === undefined) return { key: 'none', state: NO_RUN_YET };
  const [detail, events] = await Promise.all([api.getRun({ runId: run.id }), api.getHistory({ runId: run.id })]);
  const editable = toEditableDocument(detail.workflow);
  const graph = graphOf(editable.ok ? editable.doc : UNREADABLE_WORKFLOW);
  return {
    key: `${run.id}:${detail.lastSeq}`,
    state: { status: 'ready', source: runScopeSource(run.id, events, graph) },
  };
}
