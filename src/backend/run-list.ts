import type { RunFilter, RunStore } from '#engine';
import type { RunOrder, RunRecord, RunStatus } from '#shared';

export interface RunListQuery {
  status?: RunStatus | undefined;
  workflowId?: string | undefined;
  trigger?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  text?: string | undefined;
  order?: RunOrder | undefined;
  limit?: number | undefined;
}

function matcher(query: RunListQuery): ((run: RunRecord) => boolean) | undefined {
  const since = query.since === undefined ? undefined : Date.parse(query.since);
  const until = query.until === undefined ? undefined : Date.parse(query.until);
  const text = query.text?.trim().toLowerCase() ?? '';
  if (since === undefined && until === undefined && text === '') return undefined;
  return (run) => {
    const started = Date.parse(run.startedAt);
    if (since !== undefined && !(started >= since)) return false;
    if (until !== undefined && !(started <= until)) return false;
    return text === '' || run.id.toLowerCase().includes(text) || run.workflowId.toLowerCase().includes(text);
  };
}

/**
 * The runs list, newest first unless `order` says otherwise. Status and workflow are indexed in
 * the store, which also orders; the time range and the text are checked here, stopping as soon
 * as `limit` rows matched, since the store already returns them in order.
 */
export async function listRunsMatching(store: RunStore, query: RunListQuery): Promise<RunRecord[]> {
  const filter: RunFilter = {};
  if (query.status !== undefined) filter.status = query.status;
  if (query.workflowId !== undefined) filter.workflowId = query.workflowId;
  if (query.trigger !== undefined) filter.trigger = query.trigger;
  if (query.order !== undefined) filter.order = query.order;
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const matches = matcher(query);
  if (matches === undefined)
    return store.listRuns(query.limit === undefined ? filter : { ...filter, limit: query.limit });
  const found: RunRecord[] = [];
  for (const run of await store.listRuns(filter)) {
    if (!matches(run)) continue;
    found.push(run);
    if (found.length >= limit) break;
  }
  return found;
}
