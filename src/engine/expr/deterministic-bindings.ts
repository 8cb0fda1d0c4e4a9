import jsonata from 'jsonata';
import { checkArrayItems } from './bounded-builtins.js';
import { secretFunction } from './secret-scope.js';
import type { ExprEnv } from './expr-types.js';

let formatter: jsonata.Expression | undefined;

/**
 * Replacements for JSONata's clock- and randomness-based functions, bound per evaluation so
 * that a replayed run sees exactly the values its log recorded.
 */
export function deterministicBindings(env: ExprEnv): Record<string, unknown> {
  return {
    now: (picture?: unknown, timezone?: unknown): string | Promise<unknown> =>
      picture === undefined && timezone === undefined
        ? new Date(env.now()).toISOString()
        : formatMillis(env.now(), picture, timezone),
    millis: (): number => env.now(),
    random: (): number => env.random(),
    shuffle: (items: unknown): unknown => (items === undefined ? undefined : shuffle(items, env)),
    ...(env.secret === undefined ? {} : { secret: secretFunction(env.secret) }),
  };
}

// Delegating to $fromMillis keeps $now(picture, timezone) identical to JSONata's own.
function formatMillis(millis: number, picture: unknown, timezone: unknown): Promise<unknown> {
  formatter ??= jsonata('$fromMillis($ms, $picture, $timezone)');
  return formatter.evaluate(null, { ms: millis, picture, timezone });
}

function shuffle(items: unknown, env: ExprEnv): unknown[] {
  const list: readonly unknown[] = Array.isArray(items) ? items : [items];
  checkArrayItems('shuffle', list);
  const result = [...list];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(env.random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}
