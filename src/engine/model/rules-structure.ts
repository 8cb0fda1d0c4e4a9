import type { WorkflowNode } from '#shared';
import { outPorts } from './node-ports.js';
import { aKind, edgeRef, type Problem } from './problem.js';
import type { WorkflowGraph } from './workflow-graph.js';

function error(code: string, where: Pick<Problem, 'node' | 'edge' | 'field'>, message: string): Problem {
  return { severity: 'error', code, ...where, message };
}

/** Exactly one start node; unique node ids. */
export function checkNodes(graph: WorkflowGraph): Problem[] {
  const problems: Problem[] = [];
  const starts = graph.doc.nodes.filter((n) => n.kind === 'start');
  if (starts.length === 0) problems.push(error('START_MISSING', {}, 'has no start node; a workflow needs exactly one'));
  for (const extra of starts.slice(1)) {
    problems.push(
      error(
        'START_MULTIPLE',
        { node: extra.id },
        `is a second start node (the first is ${starts[0]?.id ?? ''}); a workflow needs exactly one`,
      ),
    );
  }
  const counts = new Map<string, number>();
  for (const node of graph.doc.nodes) counts.set(node.id, (counts.get(node.id) ?? 0) + 1);
  for (const [id, count] of counts) {
    if (count > 1)
      problems.push(error('DUPLICATE_NODE', { node: id }, `id used by ${count} nodes; node ids must be unique`));
  }
  for (const node of graph.doc.nodes) problems.push(...checkPortNames(node));
  return problems;
}

/** Switch case ports and wait events become ports, so they must not collide. */
function checkPortNames(node: WorkflowNode): Problem[] {
  const problems: Problem[] = [];
  const check = (names: readonly string[], reserved: string, field: (i: number) => string, what: string): void => {
    names.forEach((name, i) => {
      const at = field(i);
      if (name === reserved) {
        problems.push(
          error(
            'DUPLICATE_PORT',
            { node: node.id, field: at },
            `${at}: "${reserved}" is reserved for the ${reserved} port`,
          ),
        );
      } else if (names.indexOf(name) !== i) {
        problems.push(
          error('DUPLICATE_PORT', { node: node.id, field: at }, `${at}: ${what} "${name}" is listed twice`),
        );
      }
    });
  };
  if (node.kind === 'switch') {
    check(
      node.config.cases.map((c) => c.port),
      'default',
      (i) => `config.cases[${i}].port`,
      'port',
    );
  } else if (node.kind === 'wait') {
    check(node.config.events, 'timeout', (i) => `config.events[${i}]`, 'event');
  }
  return problems;
}

const ENDS: readonly ('from' | 'to')[] = ['from', 'to'];

/** Endpoints exist, ports belong to the source, one edge per port, nothing into start or out of end/fail. */
export function checkEdges(graph: WorkflowGraph): Problem[] {
  const problems: Problem[] = [];
  const taken = new Map<string, string>();
  for (const edge of graph.doc.edges) {
    const ref = edgeRef(edge);
    const port = edge.port ?? 'out';
    for (const end of ENDS) {
      if (!graph.hasNode(edge[end])) {
        problems.push(error('UNKNOWN_NODE', { edge: ref, field: end }, `${end}: there is no node ${edge[end]}`));
      }
    }
    if (graph.hasNode(edge.to) && graph.node(edge.to).kind === 'start') {
      problems.push(
        error('EDGE_INTO_START', { edge: ref }, `leads into the start node ${edge.to}; nothing may lead into start`),
      );
    }
    if (!graph.hasNode(edge.from)) continue;
    const from = graph.node(edge.from);
    if (edge.when !== undefined && from.kind !== 'parallel') {
      problems.push(
        error(
          'WHEN_NOT_ALLOWED',
          { edge: ref, field: 'when' },
          `when: only edges that leave a parallel node may have a condition (${from.id} is ${aKind(from.kind)})`,
        ),
      );
    }
    if (from.kind === 'end' || from.kind === 'fail') {
      problems.push(
        error(
          'TERMINAL_HAS_EDGES',
          { edge: ref },
          `leaves ${from.kind} node ${from.id}; ${from.kind} nodes have no outgoing edges`,
        ),
      );
      continue;
    }
    const ports = outPorts(from);
    if (!ports.includes(port)) {
      problems.push(
        error(
          'BAD_PORT',
          { edge: ref, field: 'port' },
          `port: ${from.kind} node ${from.id} has no port "${port}" (its ports: ${ports.join(', ')})`,
        ),
      );
      continue;
    }
    if (from.kind === 'parallel') continue;
    const key = `${from.id}\u0000${port}`;
    const first = taken.get(key);
    if (first === undefined) taken.set(key, edge.to);
    else {
      problems.push(
        error(
          'DUPLICATE_PORT_EDGE',
          { edge: ref, field: 'port' },
          `port "${port}" of node ${from.id} already leads to ${first}; a port leads to one node`,
        ),
      );
    }
  }
  return problems;
}

/** Nodes the runtime never reaches; compensation-only nodes are run by the saga instead. */
export function checkReachable(graph: WorkflowGraph): Problem[] {
  if (graph.startId === undefined) return [];
  return graph.doc.nodes
    .filter((n) => !graph.reachable.has(n.id) && !graph.compensationOnly.has(n.id))
    .map((n): Problem => ({
      severity: 'warning',
      code: 'UNREACHABLE',
      node: n.id,
      message: 'cannot be reached from the start node',
    }));
}
