import { z } from 'zod';

/**
 * `--at SEQ` of `state` and `fork`: any whole number, so that the engine, which knows the
 * run's last seq, reports a seq out of range (BAD_SEQ) with the range it has.
 */
export function seqArg(purpose: string) {
  return z
    .string({ error: `required: the seq after which to ${purpose}, e.g. --at 3` })
    .regex(/^-?\d+$/, 'expected a whole number')
    .transform(Number);
}
