import type { EventJson } from '../cli/cli-harness.js';
import { outcomeTime } from './history-invariants.js';
import type { KeyedRequest } from './key-server.js';

/** A run whose http calls are checked: its final history and the ids of its flow's http nodes. */
export interface CallingRun {
  runId: string;
  events: readonly EventJson[];
  httpNodes: readonly string[];
}

/**
 * A request is late by at most this much after the process that sent it died (loopback bytes
 * already in flight, and the order in which this process sees the exit and the request).
 */
const DELIVERY_SLACK_MS = 100;

/**
 * Problems with the http calls the runs made (DESIGN §4, at-least-once with idempotency keys);
 * empty when there are none. Every request carries `Idempotency-Key: RUNID:NODEID:1` of a run
 * and http node it names (the flows have no loops, so the entry is 1); every http node of every
 * run was called; a key is sent again only after a kill (`kills`: ms since epoch, each at or
 * after a process's death and before the next one started) that cut its call off before its
 * outcome was recorded.
 */
export function idempotencyProblems(
  requests: readonly KeyedRequest[],
  runs: readonly CallingRun[],
  kills: readonly number[],
): string[] {
  const problems: string[] = [];
  const byRun = new Map(runs.map((run) => [run.runId, run]));
  const byKey = new Map<string, KeyedRequest[]>();
  for (const request of requests) {
    if (request.key === undefined) problems.push(`request ${request.url} has no Idempotency-Key`);
    else byKey.set(request.key, [...(byKey.get(request.key) ?? []), request]);
  }
  for (const [key, sent] of byKey) {
    const [runId = '', node = '', entry, ...rest] = key.split(':');
    const run = byRun.get(runId);
    if (rest.length > 0 || run === undefined || !run.httpNodes.includes(node) || entry !== '1') {
      problems.push(`key ${key} names no http node entry of a known run`);
      continue;
    }
    const outcomeAt = outcomeTime(run.events, node, 1);
    if (outcomeAt === undefined) {
      problems.push(`key ${key} has no recorded outcome`);
      continue;
    }
    const times = sent.map((request) => request.at).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) {
      const before = times[i - 1] ?? 0;
      const after = times[i] ?? 0;
      const kill = kills.find((at) => at + DELIVERY_SLACK_MS >= before && at <= after);
      if (kill === undefined) problems.push(`key ${key} sent again at ${after} without a kill since ${before}`);
      else if (outcomeAt <= kill)
        problems.push(`key ${key} sent again although its outcome was recorded before the kill at ${kill}`);
    }
  }
  for (const run of runs) {
    for (const node of run.httpNodes) {
      if (!byKey.has(`${run.runId}:${node}:1`)) problems.push(`http node ${node} of run ${run.runId} was never called`);
    }
  }
  return problems;
}
