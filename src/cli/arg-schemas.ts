import { z } from 'zod';
import { RUN_ORDERS, RUN_STATUSES, TOO_DEEP, tooDeep } from '#shared';

/** A whole number given as text, at least `min`. */
export function wholeNumber(min: number) {
  return z
    .string()
    .regex(/^-?\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(
      z
        .int({ error: `expected a whole number up to ${Number.MAX_SAFE_INTEGER}` })
        .min(min, `expected a whole number >= ${min}`),
    );
}

/** Text that may not be empty; `what` names it in the refusal, e.g. `a run id`. */
export function nonEmpty(what: string) {
  return z.string().min(1, `expected ${what}`);
}

/** A RUN argument. */
export const runIdArg = nonEmpty('a run id');

/** JSON given as text, parsed. */
export const jsonText = z.string().transform((text, ctx): unknown => {
  try {
    const value: unknown = JSON.parse(text);
    if (tooDeep(value)) {
      ctx.issues.push({ code: 'custom', input: text, message: TOO_DEEP });
      return z.NEVER;
    }
    return value;
  } catch (err) {
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: `not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    });
    return z.NEVER;
  }
});

export const runStatusText = z.enum(RUN_STATUSES, { error: `expected one of ${RUN_STATUSES.join(', ')}` });
export const runOrderText = z.enum(RUN_ORDERS, { error: `expected one of ${RUN_ORDERS.join(', ')}` });
