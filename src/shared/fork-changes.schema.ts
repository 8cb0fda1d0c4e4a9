import { z } from 'zod';

/**
 * What a what-if fork changes in the state it starts from (DESIGN §4: a fork starts from the
 * state after a seq, "optionally with changed vars"). Every part is optional; the fork records
 * the parts it was given in its `run.started` event as `changes`.
 *
 * @example
 * const changes: ForkChanges = { input: { amount: 500 }, outputs: { fetch: { status: 200, body: { amount: 500 } } } };
 */
export const ForkChanges = z.strictObject({
  /** Merged into the run's vars: keys left out keep their values. */
  vars: z.record(z.string(), z.unknown(), { error: 'vars must be a JSON object, e.g. {"discount": 50}' }).optional(),
  /** Replaces the run's input (and the start node's output); it must satisfy the workflow's input schema. */
  input: z.unknown().optional(),
  /** Replaces the recorded output of nodes that completed at or before the fork point, by node id. */
  outputs: z
    .record(z.string().min(1), z.unknown(), {
      error: 'outputs must be a JSON object of node id → output, e.g. {"fetch": {"status": 200}}',
    })
    .optional(),
});
export type ForkChanges = z.infer<typeof ForkChanges>;
