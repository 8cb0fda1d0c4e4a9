import type { RunFold } from '#engine';
import type { Workflow } from '#shared';
import type { DecisionTarget } from './DecisionDialog.js';
import type { SignalTarget } from './SignalDialog.js';

/** Approvals the run waits on now (at its newest event). */
export function approvalTargets(head: RunFold | undefined): DecisionTarget[] {
  if (head === undefined) return [];
  return head.active
    .filter((a) => a.kind === 'approval' && a.phase === 'waiting' && a.approvals !== undefined)
    .map((a) => ({
      node: a.node,
      title: a.title ?? a.node,
      approvers: a.approvers ?? [],
      decidedBy: (a.approvals ?? []).map((d) => d.by),
    }));
}

/** Wait nodes the run waits on now, with the events each listens for. */
export function signalTargets(head: RunFold | undefined, doc: Workflow | null): SignalTarget[] {
  if (head === undefined || doc === null) return [];
  const targets: SignalTarget[] = [];
  for (const active of head.active) {
    if (active.kind !== 'wait') continue;
    const node = doc.nodes.find((n) => n.id === active.node);
    if (node?.kind === 'wait') targets.push({ node: node.id, events: node.config.events });
  }
  return targets;
}
