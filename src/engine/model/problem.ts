import type { WorkflowEdge } from '#shared';

/**
 * Something wrong (or suspicious) in a workflow document, located so that the canvas can
 * mark the offending element and the CLI can print `FILE: node ID: message`.
 */
export interface Problem {
  severity: 'error' | 'warning';
  /** Stable code, see PROBLEM_CODES. */
  code: string;
  /** Already includes the field when there is one, e.g. `config.url: expected a string`. */
  message: string;
  node?: string;
  /** Edge id, or `from->to` for edges without an id (see edgeRef). */
  edge?: string;
  /** Trigger id, for problems of an entry of `triggers`. */
  trigger?: string;
  /** Path inside the node/edge/document, e.g. `config.url` or `config.cases[0].when`. */
  field?: string;
  /** Set when the problem is inside an entry of `subflows` (nested ids joined by `/`). */
  subflow?: string;
}

export const PROBLEM_CODES = [
  'BAD_JSON',
  'LIMIT_EXCEEDED',
  'BAD_INPUT_SCHEMA',
  'LITERAL_SECRET',
  'UNKNOWN_STEP',
  'STEP_NOT_BEFORE',
  'UNKNOWN_FIELD',
  'BAD_FORMAT_VERSION',
  'INVALID_WORKFLOW',
  'BAD_EXPRESSION',
  'START_MISSING',
  'START_MULTIPLE',
  'DUPLICATE_NODE',
  'UNKNOWN_NODE',
  'BAD_PORT',
  'DUPLICATE_PORT',
  'DUPLICATE_PORT_EDGE',
  'EDGE_INTO_START',
  'WHEN_NOT_ALLOWED',
  'TERMINAL_HAS_EDGES',
  'BAD_COMPENSATION',
  'RETRY_NOT_ALLOWED',
  'TIMEOUT_NOT_ALLOWED',
  'JOIN_COUNT',
  'UNKNOWN_WORKFLOW',
  'BLOCK_STRUCTURE',
  'UNREACHABLE',
  'TIMEOUT_UNHANDLED',
  'TIMEOUT_EDGE_UNUSED',
  'BAD_TRIGGER',
  'DUPLICATE_TRIGGER',
  'DUPLICATE_WEBHOOK_PATH',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** How problems and the canvas refer to an edge: its id, else `from->to`. */
export function edgeRef(edge: Pick<WorkflowEdge, 'id' | 'from' | 'to'>): string {
  return edge.id ?? `${edge.from}->${edge.to}`;
}

export function isError(p: Problem): boolean {
  return p.severity === 'error';
}

/**
 * One line per problem, as `switchyard validate` prints it.
 *
 * @example
 * formatProblem('flow.json', { severity: 'error', code: 'INVALID_WORKFLOW', node: 'fetch',
 *   field: 'config.url', message: 'config.url: expected a string' });
 * // 'flow.json: node fetch: config.url: expected a string'
 */
export function formatProblem(file: string, p: Problem): string {
  if (p.node !== undefined) return `${file}: node ${p.node}: ${p.message}`;
  if (p.edge !== undefined) return `${file}: edge ${p.edge}: ${p.message}`;
  if (p.trigger !== undefined) return `${file}: trigger ${p.trigger}: ${p.message}`;
  return `${file}: ${p.message}`;
}

/** Where a problem points, as a message prefix (`node x: `), for nesting inside subflow messages. */
export function locationPrefix(p: Problem): string {
  if (p.node !== undefined) return `node ${p.node}: `;
  if (p.edge !== undefined) return `edge ${p.edge}: `;
  if (p.trigger !== undefined) return `trigger ${p.trigger}: `;
  return '';
}

/** Rewrites a problem found inside subflow `id` so it reads `subflow id: node x: ...`. */
export function inSubflow(id: string, p: Problem): Problem {
  // node/edge ids would point at the parent's canvas; they move into the message instead.
  const moved: Problem = {
    severity: p.severity,
    code: p.code,
    message: `subflow ${id}: ${locationPrefix(p)}${p.message}`,
    subflow: p.subflow === undefined ? id : `${id}/${p.subflow}`,
  };
  if (p.field !== undefined) moved.field = p.field;
  return moved;
}

/** `a start node`, `an end node`: kinds in messages read as English. */
export function aKind(kind: string): string {
  return `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind} node`;
}
