import { toErrorInfo, type HistoryEvent, type Workflow } from '#shared';
import { evaluateExpression, seededRandom, type ExprEnv, type ExprScope } from '../expr/index.js';
import { graphOf, type WorkflowGraph } from '../model/workflow-graph.js';
import { applyEvent, emptyFold, type RunFold } from './run-fold.js';

export type ReplayVerdict =
  { clean: true; events: number } | { clean: false; seq: number; node: string | undefined; message: string };

function dataOf(event: HistoryEvent): Record<string, unknown> {
  return event.data ?? {};
}

/** For each `node.completed`, the nodes entered because of it (their `from`), in order. */
function successorsByCompletion(events: readonly HistoryEvent[]): Map<number, HistoryEvent[]> {
  const lastCompletion = new Map<string, number>();
  const successors = new Map<number, HistoryEvent[]>();
  for (const event of events) {
    if (event.type === 'node.completed' && event.node) {
      lastCompletion.set(event.node, event.seq);
      successors.set(event.seq, []);
    } else if (event.type === 'node.failed' && event.node && dataOf(event)['willRetry'] === false) {
      lastCompletion.set(event.node, event.seq);
      successors.set(event.seq, []);
    } else if (event.type === 'node.entered') {
      const from = dataOf(event)['from'];
      const at = typeof from === 'string' ? lastCompletion.get(from) : undefined;
      if (at !== undefined) successors.get(at)?.push(event);
    }
  }
  return successors;
}

function scopeOf(fold: RunFold): ExprScope {
  return {
    input: fold.input,
    vars: fold.vars,
    steps: fold.steps,
    item: fold.item,
    index: fold.index,
    attempt: 1,
    run: { id: fold.runId, workflowId: fold.workflowId, version: fold.version, startedAt: fold.startedAt },
  };
}

/** The port the new version's condition/switch would take at this point, or undefined for other kinds. */
async function newPort(graph: WorkflowGraph, node: string, fold: RunFold, env: ExprEnv): Promise<string | undefined> {
  const spec = graph.node(node);
  const scope = scopeOf(fold);
  if (spec.kind === 'condition') return (await evaluateExpression(spec.config.when, scope, env)) ? 'true' : 'false';
  if (spec.kind === 'switch') {
    for (const c of spec.config.cases) if (await evaluateExpression(c.when, scope, env)) return c.port;
    return 'default';
  }
  return undefined;
}

/**
 * Replays a recorded history against another version of its workflow, without running any
 * task, and reports the first seq at which the new version would have acted differently.
 *
 * @example
 * const verdict = await replayCheck(await store.events(runId), changedWorkflow);
 * if (!verdict.clean) console.log(`diverges at seq ${verdict.seq}: ${verdict.message}`);
 */
export async function replayCheck(
  events: readonly HistoryEvent[],
  workflow: Workflow,
  runId = 'replay',
): Promise<ReplayVerdict> {
  const graph = graphOf(workflow);
  const successors = successorsByCompletion(events);
  const fold = emptyFold(runId);
  const diverged = (seq: number, node: string | undefined, message: string): ReplayVerdict => ({
    clean: false,
    seq,
    node,
    message,
  });

  for (const event of events) {
    const data = dataOf(event);
    const node = event.node;
    if (event.type === 'node.entered' && node) {
      if (!graph.hasNode(node))
        return diverged(event.seq, node, `the recorded run entered node ${node}, which the new version does not have`);
      const kind = graph.node(node).kind;
      if (kind !== data['kind'])
        return diverged(
          event.seq,
          node,
          `node ${node} is a ${String(data['kind'])} in the recording but a ${kind} in the new version`,
        );
    }
    if (
      (event.type === 'node.completed' || (event.type === 'node.failed' && data['willRetry'] === false)) &&
      node &&
      graph.hasNode(node)
    ) {
      const recordedPort =
        event.type === 'node.failed' ? 'error' : typeof data['port'] === 'string' ? data['port'] : 'out';
      // The same seeds as the live run (run-driver env) and the recorded time, so $random/$now agree.
      const entry = fold.active.find((a) => a.node === node);
      const seed = `${runId}:${node}:${entry?.enteredSeq ?? event.seq}:${entry?.attempt ?? 1}`;
      const env: ExprEnv = { now: () => Date.parse(event.at), random: seededRandom(seed) };
      let port = recordedPort;
      try {
        if (event.type === 'node.completed') port = (await newPort(graph, node, fold, env)) ?? recordedPort;
      } catch (err) {
        return diverged(
          event.seq,
          node,
          `the new version's expression on node ${node} fails: ${toErrorInfo(err).message}`,
        );
      }
      if (port !== recordedPort) {
        return diverged(
          event.seq,
          node,
          `node ${node} takes port "${port}" in the new version; the recording took "${recordedPort}"`,
        );
      }
      const verdict = compareSuccessors(graph, node, port, event, successors.get(event.seq) ?? []);
      if (verdict) return verdict;
    }
    applyEvent(fold, event);
  }
  return { clean: true, events: events.length };
}

function compareSuccessors(
  graph: WorkflowGraph,
  node: string,
  port: string,
  completion: HistoryEvent,
  entered: HistoryEvent[],
): ReplayVerdict | undefined {
  const spec = graph.node(node);
  if (spec.kind === 'end' || spec.kind === 'fail' || dataOf(completion)['cancelled'] !== undefined) return undefined;
  // Compensation nodes run alone; their edges are ignored.
  if (graph.compensationOnly.has(node)) return undefined;
  const expected = graph.outgoing(node, port).map((e) => e.to);
  const recorded = entered.map((e) => e.node ?? '');
  if (spec.kind === 'parallel') {
    const started = dataOf(completion)['branches'];
    const branches = Array.isArray(started) ? started.map(String) : recorded;
    const missing = branches.find((b) => !expected.includes(b));
    if (missing !== undefined) {
      const at = entered.find((e) => e.node === missing)?.seq ?? completion.seq;
      return {
        clean: false,
        seq: at,
        node: missing,
        message: `parallel ${node} has no branch to ${missing} in the new version`,
      };
    }
    const unconditional = graph.outgoing(node, port).filter((e) => e.when === undefined && !branches.includes(e.to));
    const extra = unconditional[0];
    if (extra)
      return {
        clean: false,
        seq: completion.seq,
        node: extra.to,
        message: `parallel ${node} would also start a branch to ${extra.to} in the new version`,
      };
    return undefined;
  }
  for (const event of entered) {
    if (!expected.includes(event.node ?? '')) {
      const instead = expected.length > 0 ? `enters ${expected.join(', ')}` : 'enters nothing';
      return {
        clean: false,
        seq: event.seq,
        node: event.node,
        message: `after ${node} (port "${port}") the new version ${instead}; the recording entered ${event.node}`,
      };
    }
  }
  const extra = expected.find((to) => !recorded.includes(to));
  if (extra !== undefined) {
    return {
      clean: false,
      seq: completion.seq,
      node: extra,
      message: `after ${node} (port "${port}") the new version would also enter ${extra}`,
    };
  }
  return undefined;
}
