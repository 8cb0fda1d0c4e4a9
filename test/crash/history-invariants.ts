import type { EventJson } from '../cli/cli-harness.js';

/** Kinds whose entry must be followed by a recorded outcome (tasks, and delays that fire). */
const OUTCOME_KINDS = new Set(['transform', 'script', 'http', 'subflow', 'forEach', 'delay']);

/** Problems with the shape of a complete history (DESIGN §4); empty when there are none. */
export function historyProblems(events: readonly EventJson[]): string[] {
  const problems: string[] = [];
  events.forEach((e, i) => {
    if (e.seq !== i + 1) problems.push(`event #${i + 1} has seq ${e.seq} (gap or duplicate)`);
  });
  if (events[0]?.type !== 'run.started')
    problems.push(`first event is ${events[0]?.type ?? 'missing'}, not run.started`);
  if (events.at(-1)?.type !== 'run.completed')
    problems.push(`last event is ${events.at(-1)?.type ?? 'missing'}, not run.completed`);
  events.forEach((entered, i) => {
    if (entered.type !== 'node.entered' || !OUTCOME_KINDS.has(String(entered.data?.['kind']))) return;
    const later = events.slice(i + 1).filter((e) => e.node === entered.node);
    const outcome = later.find(
      (e) => e.type === 'node.completed' || (e.type === 'node.failed' && e.data?.['willRetry'] === false),
    );
    const reentered = later.find((e) => e.type === 'node.entered');
    if (!outcome) problems.push(`node ${entered.node} entered at seq ${entered.seq} has no outcome`);
    else if (reentered && reentered.seq < outcome.seq) {
      problems.push(`node ${entered.node} entered at seq ${entered.seq} again at ${reentered.seq} before its outcome`);
    }
  });
  return problems;
}

/**
 * What the run did, independent of timing: `type node` of every event, sorted. A run that was
 * killed and resumed must have done exactly what an uninterrupted run does (a task cut off by
 * the kill runs again, but its entry and outcome are recorded once).
 */
export function eventCensus(events: readonly EventJson[]): string[] {
  return events.map((e) => `${e.type} ${e.node ?? '-'}`).sort();
}

/** When (ms since epoch) the outcome of attempt `attempt` of `node` was recorded, if it was. */
export function outcomeTime(events: readonly EventJson[], node: string, attempt: number): number | undefined {
  const outcome = events.find(
    (e) =>
      e.node === node &&
      (e.type === 'node.completed' || e.type === 'node.failed') &&
      (e.type === 'node.completed' ? attemptAt(events, e) : Number(e.data?.['attempt'])) === attempt,
  );
  return outcome === undefined ? undefined : Date.parse(outcome.at);
}

/** The attempt a node.completed belongs to: 1 + the retries recorded for that node before it. */
function attemptAt(events: readonly EventJson[], completed: EventJson): number {
  return (
    1 + events.filter((e) => e.seq < completed.seq && e.node === completed.node && e.type === 'node.retrying').length
  );
}
