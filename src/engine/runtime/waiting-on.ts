import type { WaitingOn } from '#shared';
import type { RunFold } from '../history/run-fold.js';

/** What a paused run waits for: approvals, signals, timers, child runs. Joins wait on branches, not on the world. */
export function waitingOnOf(fold: RunFold, blocked: ReadonlyMap<string, Omit<WaitingOn, 'node'>>): WaitingOn[] {
  const out: WaitingOn[] = [];
  for (const entry of fold.active) {
    const child = blocked.get(entry.node);
    if (child) out.push({ node: entry.node, ...child });
    else if (entry.kind === 'approval' || entry.kind === 'wait') out.push({ node: entry.node, kind: entry.kind });
    else if (entry.kind === 'delay' && entry.dueAt) out.push({ node: entry.node, kind: 'delay', dueAt: entry.dueAt });
    else if (entry.phase === 'retry-wait' && entry.dueAt)
      out.push({ node: entry.node, kind: 'retry', dueAt: entry.dueAt });
  }
  return out;
}
