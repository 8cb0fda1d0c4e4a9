import type { Trigger, TriggerKind } from '#shared';
import { scheduleReading } from './schedule-text.js';

/** The trigger kinds a workflow has, schedule first: one badge each on the start node. */
export function triggerKinds(triggers: readonly Trigger[]): TriggerKind[] {
  return (['schedule', 'webhook'] as const).filter((kind) => triggers.some((t) => t.kind === kind));
}

/** Where `switchyard serve` at `origin` answers a webhook: `http://127.0.0.1:4310/hooks/orders/new`. */
export function hookUrl(origin: string, path: string): string {
  return `${origin.replace(/\/+$/, '')}/hooks/${path}`;
}

/** One line about a trigger: `weekday-report: At 09:00, Monday through Friday (Europe/Berlin)`, `github: POST /hooks/github/push`. */
export function triggerLine(trigger: Trigger): string {
  if (trigger.kind === 'webhook') return `${trigger.id}: ${trigger.method ?? 'POST'} /hooks/${trigger.path}`;
  return `${trigger.id}: ${scheduleReading(trigger) ?? `${trigger.cron} (${trigger.timezone})`}`;
}
