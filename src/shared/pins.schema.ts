import { z } from 'zod';
import { NodeId } from './node-base.schema.js';
import { WorkflowId } from './workflow.schema.js';

/**
 * A node's pinned sample output: what "run to here" in the designer gives instead of executing the
 * node. Pins are workspace data, never part of the workflow document (DESIGN §2 stays as it is).
 */
export const PinnedOutput = z.strictObject({
  output: z.unknown(),
  /** The `node.completed` event it was pinned from; absent when it was typed in. */
  from: z.strictObject({ runId: z.string().min(1), seq: z.int().positive() }).optional(),
  /** When it was pinned (ISO time). */
  pinnedAt: z.string(),
});
export type PinnedOutput = z.infer<typeof PinnedOutput>;

/** Every pin of one workflow, by node id. */
export const WorkflowPins = z.record(NodeId, PinnedOutput);
export type WorkflowPins = z.infer<typeof WorkflowPins>;

export const PINS_FORMAT = 'switchyard/pins@1';

/** The file a workspace keeps one workflow's pins in. */
export const PinsFile = z.strictObject({
  format: z.literal(PINS_FORMAT),
  workflowId: WorkflowId,
  pins: WorkflowPins,
});
export type PinsFile = z.infer<typeof PinsFile>;
