import { z } from 'zod';
import {
  ApprovalConfig,
  ConditionConfig,
  DelayConfig,
  EndConfig,
  FailConfig,
  ForEachConfig,
  HttpConfig,
  JoinConfig,
  LogConfig,
  ParallelConfig,
  PortName,
  ScriptConfig,
  StartConfig,
  SubflowConfig,
  SwitchConfig,
  TransformConfig,
  WaitConfig,
} from './node-config.schema.js';

export const WORKFLOW_FORMAT = 'switchyard/workflow@1';
export const WORKFLOW_FORMAT_VERSION = 1;

export const NodeId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected a node id (a letter, then letters, digits, _ or -)');
export const WorkflowId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a workflow id (lower-case letters, digits, _ or -)');

export const RetryPolicy = z.strictObject({
  maxAttempts: z.int().positive().optional(),
  delayMs: z.number().nonnegative().optional(),
  backoff: z.number().positive().optional(),
  maxDelayMs: z.number().nonnegative().optional(),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

const Position = z.strictObject({ x: z.number(), y: z.number() });

const nodeBase = {
  id: NodeId,
  label: z.string().optional(),
  position: Position.optional(),
  retry: RetryPolicy.optional(),
  timeoutMs: z.int().positive().optional(),
  compensation: NodeId.optional(),
};

function nodeOf<K extends string, C extends z.ZodType>(kind: K, config: C) {
  return z.strictObject({ ...nodeBase, kind: z.literal(kind), config });
}

/** Kinds whose config fields are all optional may leave `config` out. */
function nodeWithOptionalConfig<K extends string, C extends z.ZodType>(kind: K, config: C) {
  return z.strictObject({ ...nodeBase, kind: z.literal(kind), config: config.optional() });
}

export const NODE_KINDS = [
  'start',
  'end',
  'fail',
  'transform',
  'script',
  'http',
  'delay',
  'log',
  'condition',
  'switch',
  'parallel',
  'join',
  'approval',
  'wait',
  'subflow',
  'forEach',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const WorkflowNode = z.discriminatedUnion('kind', [
  nodeWithOptionalConfig('start', StartConfig),
  nodeWithOptionalConfig('end', EndConfig),
  nodeOf('fail', FailConfig),
  nodeWithOptionalConfig('transform', TransformConfig),
  nodeOf('script', ScriptConfig),
  nodeOf('http', HttpConfig),
  nodeOf('delay', DelayConfig),
  nodeOf('log', LogConfig),
  nodeOf('condition', ConditionConfig),
  nodeOf('switch', SwitchConfig),
  nodeWithOptionalConfig('parallel', ParallelConfig),
  nodeWithOptionalConfig('join', JoinConfig),
  nodeOf('approval', ApprovalConfig),
  nodeOf('wait', WaitConfig),
  nodeOf('subflow', SubflowConfig),
  nodeOf('forEach', ForEachConfig),
]);
export type WorkflowNode = z.infer<typeof WorkflowNode>;
export type NodeOfKind<K extends NodeKind> = Extract<WorkflowNode, { kind: K }>;

export const WorkflowEdge = z.strictObject({
  id: z.string().min(1).optional(),
  from: NodeId,
  to: NodeId,
  port: PortName.optional(),
  when: z.string().min(1, 'expected a non-empty expression').optional(),
});
export type WorkflowEdge = z.infer<typeof WorkflowEdge>;

/** A workflow document, format 1 (DESIGN.md §2). */
export const Workflow = z.strictObject({
  format: z.literal(WORKFLOW_FORMAT),
  id: WorkflowId,
  name: z.string().min(1, 'expected a name'),
  version: z.int().positive(),
  description: z.string().optional(),
  /** JSON Schema that a run's input must satisfy. */
  input: z.record(z.string(), z.unknown()).optional(),
  nodes: z.array(WorkflowNode),
  edges: z.array(WorkflowEdge),
  /** Informative compiled machine config written by export; ignored on import. */
  statechart: z.unknown().optional(),
  get subflows() {
    return z.array(Workflow).optional();
  },
});
export type Workflow = z.infer<typeof Workflow>;
