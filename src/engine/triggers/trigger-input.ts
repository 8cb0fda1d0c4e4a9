import type { ScheduleTrigger } from '#shared';
import { evaluateExpression, seededRandom } from '../expr/index.js';

/**
 * A schedule's run input: its `input` expression evaluated at the fire time (`$now()` is the fire
 * time, `$random()` seeded by trigger and fire time, so every process computes the same input),
 * or `{}` without one.
 */
export async function scheduleInput(trigger: ScheduleTrigger, fireTime: number): Promise<unknown> {
  if (trigger.input === undefined) return {};
  const env = { now: () => fireTime, random: seededRandom(`${trigger.id}@${fireTime}`) };
  const value = await evaluateExpression(trigger.input, { input: {}, vars: {}, steps: {} }, env);
  return value ?? {};
}
