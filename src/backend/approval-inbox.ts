import { foldAt, type ActiveNode, type RunStore } from '#engine';
import { decisionRight, type ApprovalInfo, type Identity, type RunRecord } from '#shared';

async function descriptionOf(
  store: RunStore,
  run: RunRecord,
  active: ActiveNode,
  lastSeq: number,
): Promise<string | undefined> {
  // The description is rendered once, when the approval is requested; the fold keeps only the title.
  const requested = (await store.events(run.id, active.enteredSeq, lastSeq)).find(
    (e) => e.type === 'approval.requested' && e.node === active.node,
  );
  const description = requested?.data?.['description'];
  return typeof description === 'string' ? description : undefined;
}

async function toApproval(
  store: RunStore,
  run: RunRecord,
  active: ActiveNode,
  lastSeq: number,
  caller: Identity,
): Promise<ApprovalInfo> {
  const approvers = active.approvers ?? [];
  const approvals = active.approvals ?? [];
  const right = decisionRight({ node: active.node, approvers, decidedBy: approvals.map((a) => a.by) }, caller);
  const info: ApprovalInfo = {
    runId: run.id,
    workflowId: run.workflowId,
    version: run.version,
    node: active.node,
    title: active.title ?? active.node,
    approvers,
    minApprovals: active.minApprovals ?? 1,
    approvals,
    waitingSince: active.enteredAt,
    canDecide: right.canDecide,
  };
  if (!right.canDecide) info.reason = right.reason;
  const description = await descriptionOf(store, run, active, lastSeq);
  if (description !== undefined) info.description = description;
  if (active.timeoutAt !== undefined) info.timeoutAt = active.timeoutAt;
  return info;
}

/**
 * Every approval a live run waits on (child runs of subflows included), oldest first, with
 * whether `caller` may decide it. Only runs that are running or waiting are folded, each from
 * its latest checkpoint.
 */
export async function waitingApprovals(store: RunStore, caller: Identity): Promise<ApprovalInfo[]> {
  const approvals: ApprovalInfo[] = [];
  for (const status of ['waiting', 'running'] as const) {
    for (const run of await store.listRuns({ status })) {
      if (run.imported === true) continue;
      const lastSeq = (await store.lastSeq(run.id)) ?? 0;
      if (lastSeq === 0) continue;
      const fold = await foldAt(store, run.id, lastSeq);
      for (const active of fold.active) {
        if (active.kind === 'approval' && active.phase === 'waiting' && active.approvals !== undefined)
          approvals.push(await toApproval(store, run, active, lastSeq, caller));
      }
    }
  }
  return approvals.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.runId.localeCompare(b.runId));
}
