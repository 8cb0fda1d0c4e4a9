import { z } from 'zod';

export const NodeId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected a node id (a letter, then letters, digits, _ or -)');

export const RetryPolicy = z.strictObject({
  maxAttempts: z.int().positive().optional(),
  delayMs: z.number().nonnegative().optional(),
  backoff: z.number().positive().optional(),
  maxDelayMs: z.number().nonnegative().optional(),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

/** Where something is drawn on the canvas (layout only, never behaviour). */
export const LayoutPosition = z.strictObject({ x: z.number(), y: z.number() });

/** The fields every node has, whatever its kind (DESIGN §2). */
export const nodeBase = {
  id: NodeId,
  label: z.string().optional(),
  position: LayoutPosition.optional(),
  retry: RetryPolicy.optional(),
  timeoutMs: z.int().positive().optional(),
  compensation: NodeId.optional(),
};

export type NodeSchema<K extends string, C extends z.ZodType> = z.ZodObject<
  typeof nodeBase & { kind: z.ZodLiteral<K>; config: C },
  z.core.$strict
>;
