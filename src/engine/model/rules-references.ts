import { closestName, kindSpec } from '#shared';
import { rootReferences, templateReferences, type RootReference } from '../expr/root-references.js';
import { edgeRef, type Problem } from './problem.js';
import { expressionFields } from './rules-expressions.js';
import type { WorkflowGraph } from './workflow-graph.js';

/** What `steps.X` holds for every node: its latest execution. */
const STEP_FIELDS = ['output', 'error', 'attempts'];

interface Site {
  node?: string;
  edge?: string;
  field: string;
}

/**
 * Every `steps.X` of an expression or template names a node that can have run before it on
 * some path (else an error, with "did you mean"); `steps.X.FIELD` is one of output, error and
 * attempts, `steps.X.output.FIELD` one of the fields X's kind produces where the kind fixes
 * them, and `input.FIELD` a property of the workflow's input schema where it lists them
 * (warnings: the data may still be there, but most likely the name is a typo).
 */
export function checkReferences(graph: WorkflowGraph): Problem[] {
  const before = new Upstream(graph);
  const problems: Problem[] = [];
  for (const node of graph.doc.nodes) {
    for (const { field, source, template } of expressionFields(node)) {
      const refs = template ? templateReferences(source) : rootReferences(source);
      for (const ref of refs)
        problems.push(...checkReference(graph, ref, before.of(node.id), { node: node.id, field }));
    }
  }
  for (const edge of graph.doc.edges) {
    if (edge.when === undefined) continue;
    // An edge's condition is decided as its source node completes: that node and its upstream ran.
    const ran = new Set([...before.of(edge.from), edge.from]);
    for (const ref of rootReferences(edge.when))
      problems.push(...checkReference(graph, ref, ran, { edge: edgeRef(edge), field: 'when' }));
  }
  return problems;
}

/**
 * The nodes that can have run before `id` on some path: upstream along edges, its parallel
 * siblings, and what a compensation follows (the `steps.X` that node may read).
 */
export function ranBefore(graph: WorkflowGraph, id: string): ReadonlySet<string> {
  return new Upstream(graph).of(id);
}

function checkReference(graph: WorkflowGraph, ref: RootReference, ran: ReadonlySet<string>, site: Site): Problem[] {
  const [root, ...rest] = ref.names;
  if (root === 'steps') return checkStep(graph, rest, ran, site);
  if (root === 'input') return checkInput(graph.doc.input, rest, site);
  return [];
}

function checkStep(graph: WorkflowGraph, [id, field, key]: string[], ran: ReadonlySet<string>, site: Site): Problem[] {
  if (id === undefined) return [];
  const ids = graph.doc.nodes.map((n) => n.id);
  if (!graph.hasNode(id)) {
    const near = closestName(id, ids);
    return [
      problem(
        site,
        'error',
        'UNKNOWN_STEP',
        `steps.${id}: there is no node ${id}${near === undefined ? '' : ` (did you mean ${near}?)`}`,
      ),
    ];
  }
  if (!ran.has(id)) {
    const where = site.node === undefined ? 'this edge' : site.node;
    return [
      problem(
        site,
        'error',
        'STEP_NOT_BEFORE',
        `steps.${id}: node ${id} cannot have run before ${where} (no path leads from it to here)`,
      ),
    ];
  }
  if (field === undefined) return [];
  if (!STEP_FIELDS.includes(field)) {
    return [
      warning(
        site,
        'UNKNOWN_FIELD',
        `steps.${id}.${field}: a step has ${STEP_FIELDS.join(', ')}${hint(field, STEP_FIELDS)}`,
      ),
    ];
  }
  const outputs = kindSpec(graph.node(id).kind).outputFields;
  if (field !== 'output' || key === undefined || outputs === undefined || outputs.includes(key)) return [];
  const kind = kindSpec(graph.node(id).kind).label;
  return [
    warning(
      site,
      'UNKNOWN_FIELD',
      `steps.${id}.output.${key}: ${kind} output has ${outputs.join(', ')}${hint(key, outputs)}`,
    ),
  ];
}

function checkInput(schema: unknown, path: string[], site: Site): Problem[] {
  let current = schema;
  const walked = ['input'];
  for (const name of path) {
    const properties = propertiesOf(current);
    if (properties === undefined) return [];
    if (!Object.hasOwn(properties, name)) {
      const names = Object.keys(properties);
      return [
        warning(
          site,
          'UNKNOWN_FIELD',
          `${[...walked, name].join('.')}: the input schema has no property ${name}${names.length === 0 ? '' : ` (it has ${names.join(', ')})`}${hint(name, names)}`,
        ),
      ];
    }
    current = properties[name];
    walked.push(name);
  }
  return [];
}

function propertiesOf(schema: unknown): Record<string, unknown> | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null && !Array.isArray(properties)
    ? (properties as Record<string, unknown>)
    : undefined;
}

function hint(name: string, candidates: readonly string[]): string {
  const near = closestName(name, candidates);
  return near === undefined ? '' : `; did you mean ${near}?`;
}

function problem(site: Site, severity: Problem['severity'], code: string, text: string): Problem {
  return { severity, code, ...site, message: `${site.field}: ${text}` };
}

function warning(site: Site, code: string, text: string): Problem {
  return problem(site, 'warning', code, text);
}

/**
 * The nodes that can have run before each node: everything upstream along edges, and the other
 * members of each parallel block it is in (their branches run side by side). A compensation node
 * runs after the node it compensates, so it sees what that node saw, and that node.
 */
class Upstream {
  private readonly cache = new Map<string, Set<string>>();
  private readonly compensates = new Map<string, string[]>();
  private readonly sideBySide = new Map<string, Set<string>>();

  constructor(private readonly graph: WorkflowGraph) {
    for (const node of graph.doc.nodes) {
      const members = node.kind === 'parallel' ? graph.blockOfParallel(node.id)?.members : undefined;
      for (const member of members ?? []) {
        const set = this.sideBySide.get(member) ?? new Set<string>();
        for (const other of members ?? []) if (other !== member) set.add(other);
        this.sideBySide.set(member, set);
      }
      if (node.compensation === undefined) continue;
      const list = this.compensates.get(node.compensation) ?? [];
      list.push(node.id);
      this.compensates.set(node.compensation, list);
    }
  }

  of(id: string): Set<string> {
    let found = this.cache.get(id);
    if (found === undefined) {
      found = this.walk(id);
      for (const other of this.sideBySide.get(id) ?? []) found.add(other);
      this.cache.set(id, found);
    }
    return found;
  }

  private walk(id: string): Set<string> {
    const seen = new Set<string>();
    const queue = [id, ...(this.compensates.get(id) ?? [])];
    for (const compensated of this.compensates.get(id) ?? []) seen.add(compensated);
    for (let current = queue.pop(); current !== undefined; current = queue.pop()) {
      for (const edge of this.graph.incoming(current)) {
        if (seen.has(edge.from)) continue;
        seen.add(edge.from);
        queue.push(edge.from, ...(this.compensates.get(edge.from) ?? []));
      }
    }
    return seen;
  }
}
