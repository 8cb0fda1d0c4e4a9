import type { RunTrigger } from '#shared';
import { formatTimestamp } from '../run-model/run-format.js';
import { Icon } from '../ui/Icon.js';

/** Which trigger started a run: its id, with the fire time (and a webhook's Idempotency-Key) on hover or beside it. */
export function RunTriggerBadge({ trigger, showTime = false }: { trigger: RunTrigger; showTime?: boolean }) {
  const fired = `${trigger.kind === 'schedule' ? 'fired' : 'called'} ${formatTimestamp(trigger.fireTime)}`;
  const key = trigger.idempotencyKey === undefined ? '' : ` · Idempotency-Key ${trigger.idempotencyKey}`;
  return (
    <span
      className="badge run-trigger-badge"
      title={`Started by ${trigger.kind} trigger ${trigger.id}, ${fired}${key}`}
      data-testid="run-trigger"
    >
      <Icon name={trigger.kind} size={12} />
      {trigger.id}
      {showTime && <span className="run-trigger-time">· {fired}</span>}
    </span>
  );
}
