import { toErrorInfo, type HistoryEvent, type Workflow } from '#shared';
import { evaluateExpression, seededRandom, type ExprEnv, type ExprScope } from '../expr/index.js';
import { graphOf, type WorkflowGraph } from '../model/workflow-graph.js';
import { applyEvent, emptyFold, type RunFold } from './run-fold.js';

export type ReplayVerdict =
  { clean: true; events: number } | { clean: false; seq: number; node: string | undefined; message: string };

/** Events the machine routes on: before one of them, everything it entered must have been recorded. */
const ROUTED: ReadonlySet<string> = new Set([
  'node.completed',
  'node.failed',
  'run.completed',
  'run.failed',
  'run.cancelled',
]);

/** The context a condition or switch decided on: vars and steps as of its entry (run-driver ROUTING_KINDS). */
interface EntryContext {
  vars: Record<string, unknown>;
  steps: ExprScope['steps'];
}

function scopeOf(fold: RunFold, context: EntryContext): ExprScope {
  return {
    input: fold.input,
    vars: context.vars,
    steps: context.steps,
    item: fold.item,
    index: fold.index,
    attempt: 1,
    run: { id: fold.runId, workflowId: fold.workflowId, version: fold.version, startedAt: fold.startedAt },
  };
}

/** The port the new version's condition/switch would take at this point, or undefined for other kinds. */
async function newPort(
  graph: WorkflowGraph,
  node: string,
  scope: ExprScope,
  env: ExprEnv,
): Promise<string | undefined> {
  const spec = graph.node(node);
  if (spec.kind === 'condition') return (await evaluateExpression(spec.config.when, scope, env)) ? 'true' : 'false';
  if (spec.kind === 'switch') {
    for (const c of spec.config.cases) if (await evaluateExpression(c.when, scope, env)) return c.port;
    return 'default';
  }
  return undefined;
}

/**
 * Replays a recorded history against another version of its workflow, without running any
 * task: the events are fed to the new version's routing machine, and the first event it
 * cannot take the same way is reported — a node it does not have or would not enter, a
 * node it would enter that the recording did not, or (conditions and switches are evaluated
 * again against the recorded context) another port.
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
  const fold = emptyFold(runId);
  const diverged = (seq: number, node: string | undefined, message: string): ReplayVerdict => ({
    clean: false,
    seq,
    node,
    message,
  });

  const entryContexts = new Map<string, EntryContext>();
  for (const event of events) {
    const data = event.data ?? {};
    const node = event.node;
    const final = event.type !== 'node.failed' || data['willRetry'] === false;
    if (ROUTED.has(event.type) && final) {
      const missed = fold.pending.find((p) => !p.arrival);
      if (missed !== undefined) {
        const after = missed.from === undefined ? '' : `after ${missed.from} `;
        return diverged(event.seq, missed.node, `${after}the new version would also enter ${missed.node}`);
      }
    }
    if (event.type === 'node.entered' && node) {
      const from = typeof data['from'] === 'string' ? data['from'] : undefined;
      if (from !== undefined && !fold.pending.some((p) => p.node === node)) {
        const instead = fold.pending.filter((p) => !p.arrival).map((p) => p.node);
        const enters = instead.length > 0 ? `enters ${instead.join(', ')}` : 'enters nothing';
        return diverged(event.seq, node, `after ${from} the new version ${enters}; the recording entered ${node}`);
      }
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
    if (event.type === 'node.completed' && node && graph.hasNode(node)) {
      const recordedPort = typeof data['port'] === 'string' ? data['port'] : 'out';
      // The same seeds as the live run (run-driver env) and the recorded time, so $random/$now agree.
      const entry = fold.active.find((a) => a.node === node);
      const seed = `${runId}:${node}:${entry?.enteredSeq ?? event.seq}:${entry?.attempt ?? 1}`;
      const env: ExprEnv = { now: () => Date.parse(event.at), random: seededRandom(seed) };
      let port = recordedPort;
      try {
        const context = entryContexts.get(node) ?? { vars: fold.vars, steps: fold.steps };
        port = (await newPort(graph, node, scopeOf(fold, context), env)) ?? recordedPort;
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
    }
    const disagreement = applyEvent(fold, event, graph);
    if (disagreement) return diverged(disagreement.seq, disagreement.node, disagreement.message);
    if (event.type === 'node.entered' && node && (data['kind'] === 'condition' || data['kind'] === 'switch'))
      entryContexts.set(node, { vars: { ...fold.vars }, steps: { ...fold.steps } });
  }
  return { clean: true, events: events.length };
}
