import { LIMITS, type WorkflowNode } from '#shared';
import { outPorts, RETRY_KINDS, TASK_KINDS, TERMINAL_KINDS, TIMEOUT_KINDS } from './node-ports.js';
import { aKind, edgeRef, type Problem } from './problem.js';
import type { WorkflowGraph } from './workflow-graph.js';

function problem(severity: Problem['severity'], code: string, node: string, field: string, message: string): Problem {
  return { severity, code, node, field, message: `${field}: ${message}` };
}

const RETRY_LIST = [...RETRY_KINDS].join(', ');

/** Per-node settings: compensation, retry, timeoutMs, join count, workflow references. */
export function checkNodeSettings(graph: WorkflowGraph, workflowIds: ReadonlySet<string>): Problem[] {
  return graph.doc.nodes.flatMap((node) => [
    ...checkCompensation(graph, node),
    ...checkRetryAndTimeout(node),
    ...checkJoin(node),
    ...checkWorkflowRef(node, workflowIds),
  ]);
}

function checkCompensation(graph: WorkflowGraph, node: WorkflowNode): Problem[] {
  const target = node.compensation;
  if (target === undefined) return [];
  const bad = (message: string): Problem[] => [problem('error', 'BAD_COMPENSATION', node.id, 'compensation', message)];
  if (target === node.id) return bad('a node cannot be its own compensation');
  if (!graph.hasNode(target)) return bad(`there is no node ${target}`);
  const kind = graph.node(target).kind;
  if (kind === 'start' || TERMINAL_KINDS.has(kind))
    return bad(`${target} is ${aKind(kind)}; a compensation must be a node that does work`);
  return [];
}

function checkRetryAndTimeout(node: WorkflowNode): Problem[] {
  const problems: Problem[] = [];
  if (node.retry !== undefined && !RETRY_KINDS.has(node.kind)) {
    problems.push(
      problem(
        'error',
        'RETRY_NOT_ALLOWED',
        node.id,
        'retry',
        `only task nodes (${RETRY_LIST}) retry; this is ${aKind(node.kind)}`,
      ),
    );
  }
  if (node.timeoutMs !== undefined && !TIMEOUT_KINDS.has(node.kind)) {
    problems.push(
      problem(
        'error',
        'TIMEOUT_NOT_ALLOWED',
        node.id,
        'timeoutMs',
        `only task, approval and wait nodes take a timeout; this is ${aKind(node.kind)}`,
      ),
    );
  }
  // A task runs in the process that drives it; approvals and waits are durable timers (days are fine).
  if (node.timeoutMs !== undefined && TASK_KINDS.has(node.kind) && node.timeoutMs > LIMITS.taskTimeoutMs) {
    problems.push(
      problem(
        'error',
        'LIMIT_EXCEEDED',
        node.id,
        'timeoutMs',
        `a task's timeout is at most ${LIMITS.taskTimeoutMs} ms (5 minutes; limit taskTimeoutMs); this is ${node.timeoutMs}`,
      ),
    );
  }
  return problems;
}

function checkJoin(node: WorkflowNode): Problem[] {
  if (node.kind !== 'join') return [];
  const mode = node.config?.mode ?? 'all';
  const count = node.config?.count;
  if (mode === 'count' && count === undefined) {
    return [
      problem('error', 'JOIN_COUNT', node.id, 'config.count', 'mode "count" needs a count of branches to wait for'),
    ];
  }
  if (mode !== 'count' && count !== undefined) {
    return [
      problem(
        'error',
        'JOIN_COUNT',
        node.id,
        'config.count',
        `count is only used with mode "count" (the mode is "${mode}")`,
      ),
    ];
  }
  return [];
}

function checkWorkflowRef(node: WorkflowNode, workflowIds: ReadonlySet<string>): Problem[] {
  if (node.kind !== 'subflow' && node.kind !== 'forEach') return [];
  const id = node.config.workflow;
  if (workflowIds.has(id)) return [];
  return [
    problem(
      'error',
      'UNKNOWN_WORKFLOW',
      node.id,
      'config.workflow',
      `no workflow ${id} in this document (it must be the document's own id or an entry of "subflows")`,
    ),
  ];
}

/** A timeout without a `timeout` edge fails the run; a `timeout` edge without timeoutMs is never taken. */
export function checkTimeoutEdges(graph: WorkflowGraph): Problem[] {
  const problems: Problem[] = [];
  for (const node of graph.doc.nodes) {
    // Kinds whose timeout leaves by a `timeout` port (approval, wait); tasks fail over to `error`.
    if (!TIMEOUT_KINDS.has(node.kind) || !outPorts(node).includes('timeout')) continue;
    const edges = graph.outgoing(node.id, 'timeout');
    if (node.timeoutMs !== undefined && edges.length === 0) {
      problems.push(
        problem(
          'warning',
          'TIMEOUT_UNHANDLED',
          node.id,
          'timeoutMs',
          'no edge leaves the "timeout" port, so a timeout fails the run',
        ),
      );
    }
    if (node.timeoutMs === undefined) {
      for (const edge of edges) {
        problems.push({
          severity: 'warning',
          code: 'TIMEOUT_EDGE_UNUSED',
          edge: edgeRef(edge),
          message: `leaves the "timeout" port of ${node.id}, which has no timeoutMs; it is never taken`,
        });
      }
    }
  }
  return problems;
}
