import { z } from 'zod';
import { Expression, HttpMethod, LogLevel, PortName, Template, VarName, WorkflowRef } from './node-config.schema.js';
import { defineKind, kindRegistry, type NodeKindSpec, type NodeTrait } from './node-kind-spec.js';

const OUT_ERROR = { type: 'fixed', ports: ['out', 'error'] } as const;
const OUT = { type: 'fixed', ports: ['out'] } as const;
const NONE = { type: 'fixed', ports: [] } as const;

/**
 * Every node kind, one entry each (DESIGN §2). The workflow schema, the validator, the
 * compiler, the run driver, the palette and the inspector all read this table; a new kind
 * is an entry here (its config schema, ports, traits, palette place), its module
 * engine/nodes/kinds/<kind>.ts and its icon (renderer/ui/kind-icon-paths.tsx).
 */
export const NODE_KIND_SPECS = kindRegistry({
  start: defineKind('start', {
    label: 'Start',
    description: 'Where every run begins; its output is the run input',
    config: z.strictObject({}),
    optionalConfig: true,
    fields: {},
    ports: OUT,
    traits: ['pure'],
    palette: { group: 'Flow', order: 1 },
    summary: 'Receives the run input',
  }),
  end: defineKind('end', {
    label: 'End',
    description: 'Completes the run with an output',
    config: z.strictObject({ output: Expression.optional() }),
    optionalConfig: true,
    defaults: {},
    fields: { output: 'expression' },
    ports: NONE,
    traits: ['pure', 'terminal'],
    palette: { group: 'Flow', order: 2 },
  }),
  fail: defineKind('fail', {
    label: 'Fail',
    description: 'Fails the run with a message',
    config: z.strictObject({ message: Template }),
    defaults: { message: 'failed' },
    fields: { message: 'template' },
    ports: NONE,
    traits: ['pure', 'terminal'],
    palette: { group: 'Flow', order: 3 },
    summary: '{message}',
  }),
  transform: defineKind('transform', {
    label: 'Transform',
    description: 'Computes a value and sets variables with expressions',
    config: z.strictObject({
      output: Expression.optional(),
      assign: z.record(VarName, Expression).optional(),
    }),
    optionalConfig: true,
    defaults: { output: 'input' },
    fields: { output: 'expression', 'assign.*': 'expression' },
    ports: OUT_ERROR,
    traits: ['task', 'pure', 'timeout', 'retry'],
    palette: { group: 'Tasks', order: 1 },
    setsVars: 'assign',
  }),
  set: defineKind('set', {
    label: 'Set variables',
    description: 'Sets variables from expressions, each evaluated against the scope before the node',
    config: z.strictObject({
      vars: z
        .record(VarName, Expression)
        .refine((vars) => Object.keys(vars).length > 0, { message: 'expected at least one variable' }),
    }),
    defaults: { vars: { value: 'input' } },
    fields: { 'vars.*': 'expression' },
    ports: OUT_ERROR,
    traits: ['task', 'pure', 'timeout', 'retry'],
    palette: { group: 'Tasks', order: 2 },
    summary: 'sets {vars}',
    setsVars: 'vars',
  }),
  script: defineKind('script', {
    label: 'Script',
    description: 'Runs a JavaScript function body in a sandbox',
    config: z.strictObject({ code: z.string() }),
    defaults: { code: 'return input;' },
    fields: { code: 'code' },
    ports: OUT_ERROR,
    traits: ['task', 'timeout', 'retry'],
    palette: { group: 'Tasks', order: 3 },
  }),
  http: defineKind('http', {
    label: 'HTTP request',
    description: 'Calls an HTTP endpoint',
    config: z.strictObject({
      method: HttpMethod,
      url: Template.min(1, 'expected a URL'),
      headers: z.record(z.string(), Template).optional(),
      body: Expression.optional(),
      expectStatus: z.union([z.int().min(100).max(599), z.array(z.int().min(100).max(599)).min(1)]).optional(),
    }),
    defaults: { method: 'GET', url: 'https://example.com' },
    fields: { url: 'template', 'headers.*': 'template', body: 'expression' },
    ports: OUT_ERROR,
    traits: ['task', 'timeout', 'retry'],
    palette: { group: 'Tasks', order: 4 },
    outputFields: ['status', 'headers', 'body'],
    summary: '{method} {url}',
  }),
  delay: defineKind('delay', {
    label: 'Delay',
    description: 'Waits for a duration or until a time',
    config: z
      .strictObject({
        ms: z.union([z.number().nonnegative(), Expression]).optional(),
        until: Expression.optional(),
      })
      .refine((c) => (c.ms === undefined) !== (c.until === undefined), {
        message: 'set exactly one of "ms" or "until"',
      }),
    defaults: { ms: 1000 },
    fields: { ms: 'expression', until: 'expression' },
    ports: OUT,
    traits: ['waits'],
    palette: { group: 'Tasks', order: 6 },
  }),
  log: defineKind('log', {
    label: 'Log',
    description: 'Writes a message to the run log',
    config: z.strictObject({ message: Template, level: LogLevel.optional() }),
    defaults: { message: 'Reached {{ run.id }}', level: 'info' },
    fields: { message: 'template' },
    ports: OUT,
    traits: ['pure'],
    palette: { group: 'Tasks', order: 5 },
  }),
  condition: defineKind('condition', {
    label: 'Condition',
    description: 'Branches on a true/false expression',
    config: z.strictObject({ when: Expression }),
    defaults: { when: 'true' },
    fields: { when: 'expression' },
    ports: { type: 'fixed', ports: ['true', 'false'] },
    traits: ['routes', 'pure'],
    palette: { group: 'Flow', order: 4 },
    summary: '{when}',
  }),
  switch: defineKind('switch', {
    label: 'Switch',
    description: 'Takes the first case whose expression is true',
    config: z.strictObject({
      cases: z.array(z.strictObject({ port: PortName, when: Expression })).min(1, 'expected at least one case'),
    }),
    defaults: { cases: [{ port: 'case1', when: 'true' }] },
    fields: { 'cases[].when': 'expression' },
    ports: { type: 'config', list: 'cases', key: 'port', then: ['default'] },
    traits: ['routes', 'pure'],
    palette: { group: 'Flow', order: 5 },
  }),
  parallel: defineKind('parallel', {
    label: 'Parallel',
    description: 'Starts every outgoing branch at once',
    config: z.strictObject({}),
    optionalConfig: true,
    fields: {},
    ports: { type: 'branches' },
    traits: ['routes', 'pure'],
    palette: { group: 'Flow', order: 6 },
    summary: 'Runs every branch at once',
  }),
  join: defineKind('join', {
    label: 'Join',
    description: 'Waits for parallel branches to finish',
    config: z.strictObject({
      mode: z.enum(['all', 'first', 'count']).optional(),
      count: z.int().positive().optional(),
    }),
    optionalConfig: true,
    defaults: { mode: 'all' },
    fields: {},
    ports: OUT,
    traits: ['routes', 'pure'],
    palette: { group: 'Flow', order: 7 },
  }),
  approval: defineKind('approval', {
    label: 'Approval',
    description: 'Pauses until a person approves or rejects',
    config: z.strictObject({
      title: Template,
      description: Template.optional(),
      approvers: z.array(z.string().min(1)).optional(),
      minApprovals: z.int().positive().optional(),
    }),
    defaults: { title: 'Approve?' },
    fields: { title: 'template', description: 'template' },
    ports: { type: 'fixed', ports: ['approved', 'rejected', 'timeout'] },
    traits: ['waits', 'timeout'],
    outputFields: ['decision', 'by', 'comment', 'at'],
    palette: { group: 'People & events', order: 1 },
    summary: '{title}',
  }),
  wait: defineKind('wait', {
    label: 'Wait for signal',
    description: 'Pauses until a named signal arrives',
    config: z.strictObject({
      events: z.array(PortName).min(1, 'expected at least one event name'),
    }),
    defaults: { events: ['go'] },
    fields: {},
    ports: { type: 'config', list: 'events', then: ['timeout'] },
    traits: ['waits', 'timeout'],
    palette: { group: 'People & events', order: 2 },
    summary: 'on {events}',
  }),
  subflow: defineKind('subflow', {
    label: 'Subflow',
    description: 'Runs another workflow as one step',
    config: z.strictObject({ workflow: WorkflowRef, input: Expression.optional() }),
    defaults: ({ workflowId }) => ({ workflow: workflowId }),
    fields: { input: 'expression' },
    ports: OUT_ERROR,
    traits: ['task', 'timeout', 'retry'],
    palette: { group: 'Composition', order: 1 },
    summary: 'runs {workflow}',
  }),
  forEach: defineKind('forEach', {
    label: 'For each',
    description: 'Runs a workflow once per item of a list',
    config: z.strictObject({
      items: Expression,
      workflow: WorkflowRef,
      concurrency: z.int().positive().optional(),
    }),
    defaults: ({ workflowId }) => ({ items: 'input.items', workflow: workflowId }),
    fields: { items: 'expression' },
    ports: OUT_ERROR,
    traits: ['task', 'timeout', 'retry'],
    palette: { group: 'Composition', order: 2 },
    summary: '{items} → {workflow}',
  }),
});

type Specs = typeof NODE_KIND_SPECS;
export type NodeKind = Specs[keyof Specs]['kind'];

/** Every kind, in registry order. */
export const NODE_KINDS: readonly NodeKind[] = Object.values(NODE_KIND_SPECS).map((spec) => spec.kind);

/** The registry entry of `kind`. */
export function kindSpec(kind: NodeKind): NodeKindSpec<NodeKind> {
  return NODE_KIND_SPECS[kind];
}

/** The config of a new node of `kind` in workflow `workflowId` (undefined: no config). */
export function defaultConfig(kind: NodeKind, workflowId: string): unknown {
  const defaults: unknown = kindSpec(kind).defaults;
  return isDefaultsFunction(defaults) ? defaults({ workflowId }) : defaults;
}

function isDefaultsFunction(value: unknown): value is (context: { readonly workflowId: string }) => unknown {
  return typeof value === 'function';
}

export function hasTrait(kind: NodeKind, trait: NodeTrait): boolean {
  return kindSpec(kind).traits.includes(trait);
}

/** The kinds that have `trait`, in registry order. */
export function kindsWith(trait: NodeTrait): ReadonlySet<NodeKind> {
  return new Set(NODE_KINDS.filter((kind) => hasTrait(kind, trait)));
}
