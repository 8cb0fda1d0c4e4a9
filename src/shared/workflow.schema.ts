import { z } from 'zod';
import { NodeId } from './node-base.schema.js';
import { PortName } from './node-config.schema.js';
import { NODE_KIND_SPECS, NODE_KINDS, type NodeKind } from './node-kinds.js';
import { Trigger } from './trigger.schema.js';
import { Annotations } from './annotations.schema.js';

export const WORKFLOW_FORMAT = 'switchyard/workflow@1';
export const WORKFLOW_FORMAT_VERSION = 1;

export const WorkflowId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a workflow id (lower-case letters, digits, _ or -)');

const [firstNode, ...otherNodes] = NODE_KINDS.map((kind) => NODE_KIND_SPECS[kind].node);
if (firstNode === undefined) throw new Error('the node kind registry is empty');

/** A node of any kind: the union of the registry's node schemas, by `kind`. */
export const WorkflowNode = z.discriminatedUnion('kind', [firstNode, ...otherNodes]);
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
  /** How the workflow starts itself: schedules and webhooks (optional; format 1 still). */
  triggers: z.array(Trigger).optional(),
  /** Sticky notes and node groups drawn by the designer; layout only, ignored by validation, compile and runs. */
  annotations: Annotations.optional(),
  /** Informative compiled machine config written by export; ignored on import. */
  statechart: z.unknown().optional(),
  get subflows() {
    return z.array(Workflow).optional();
  },
});
export type Workflow = z.infer<typeof Workflow>;
