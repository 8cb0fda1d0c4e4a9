import jsonata from 'jsonata';
import { LIMITS } from '#shared';

let padder: jsonata.Expression | undefined;

/**
 * JSONata builtins that can build huge values from small arguments, checked before the call:
 * `$pad("x", 100000000)` would spend seconds and gigabytes past the evaluation's time limit
 * (one native call, which JSONata's time check cannot interrupt).
 */
export const BOUNDED_BUILTINS: Record<string, unknown> = {
  pad: (str: unknown, width: unknown, char?: unknown): Promise<unknown> => {
    if (typeof width === 'number' && Math.abs(width) > LIMITS.expressionStringChars) {
      throw new Error(
        `$pad: a width of ${width} is more than the ${LIMITS.expressionStringChars} characters a string may have (limit expressionStringChars)`,
      );
    }
    // Delegating keeps every other behaviour of JSONata's own $pad.
    padder ??= jsonata('$pad($str, $width, $char)');
    return padder.evaluate(null, { str, width, char });
  },
};
