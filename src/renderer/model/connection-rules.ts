import type { Workflow, WorkflowEdge } from '#shared';
import { portsOf } from './node-kinds.js';

export interface ConnectionRequest {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

/** A refused connection; `split` when it was a second edge out of a port, which a parallel block can make. */
export type ConnectionVerdict =
  | { ok: true; edge: WorkflowEdge }
  | { ok: false; reason: string; split?: { source: string; port: string; existing: string; target: string } };

/**
 * Whether an edge from `source` (port `sourceHandle`) to `target` may be drawn, and if not,
 * a sentence saying why. Loops through other nodes are allowed; one port feeds one edge,
 * except on `parallel` nodes, whose `out` port starts one branch per edge: a second edge out of
 * another port is refused with the `split` a parallel block would make of it.
 */
export function checkConnection(doc: Workflow, request: ConnectionRequest): ConnectionVerdict {
  const source = doc.nodes.find((n) => n.id === request.source);
  const target = doc.nodes.find((n) => n.id === request.target);
  if (source === undefined || target === undefined)
    return { ok: false, reason: 'Both ends of a connection must be nodes' };
  if (source.id === target.id) return { ok: false, reason: 'Cannot connect a node to itself' };
  if (target.kind === 'start') return { ok: false, reason: 'A start node has no inputs' };
  if (source.kind === 'end' || source.kind === 'fail')
    return { ok: false, reason: `${source.kind} nodes have no outputs` };
  const ports = portsOf(source);
  const port = request.sourceHandle ?? ports[0] ?? 'out';
  if (!ports.includes(port)) return { ok: false, reason: `${source.id} has no port "${port}"` };
  const onPort = doc.edges.filter((e) => e.from === source.id && (e.port ?? 'out') === port);
  if (source.kind === 'parallel') {
    if (onPort.some((e) => e.to === target.id))
      return { ok: false, reason: `${source.id} already has a branch to ${target.id}` };
  } else if (onPort[0] !== undefined) {
    const existing = onPort[0].to;
    const reason = `Port "${port}" of ${source.id} is already connected`;
    if (existing === target.id) return { ok: false, reason };
    return { ok: false, reason, split: { source: source.id, port, existing, target: target.id } };
  }
  const edge: WorkflowEdge =
    port === 'out' ? { from: source.id, to: target.id } : { from: source.id, port, to: target.id };
  return { ok: true, edge };
}
