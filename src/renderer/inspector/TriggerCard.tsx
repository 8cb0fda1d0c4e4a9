import type { Trigger } from '#shared';
import type { TriggerProblems } from '../model/trigger-problems.js';
import { Icon } from '../ui/Icon.js';
import { Field } from './Field.js';
import { ScheduleFields } from './ScheduleFields.js';
import { WebhookFields } from './WebhookFields.js';

const KIND_TITLES: Record<Trigger['kind'], string> = { schedule: 'Schedule', webhook: 'Webhook' };

/** One trigger of the workflow: its kind, id and fields, and a button to remove it. */
export function TriggerCard({
  trigger,
  index,
  problems,
  onChange,
  onRemove,
}: {
  trigger: Trigger;
  index: number;
  problems: TriggerProblems;
  onChange: (next: Trigger, field: string) => void;
  onRemove: () => void;
}) {
  const idPrefix = `trigger-${index}`;
  return (
    <div className="trigger-card" data-testid={idPrefix} aria-label={`Trigger ${trigger.id}`} role="group">
      <div className="trigger-card-head">
        <span className={`trigger-card-icon trigger-${trigger.kind}`}>
          <Icon name={trigger.kind} size={14} />
        </span>
        <span className="trigger-card-kind">{KIND_TITLES[trigger.kind]}</span>
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-icon danger-hover"
          aria-label={`Remove trigger ${trigger.id}`}
          onClick={onRemove}
        >
          <Icon name="trash" size={13} />
        </button>
      </div>
      <Field
        id={`${idPrefix}-id`}
        label="Id"
        required
        hint="Runs started by this trigger record it."
        problems={[...problems(''), ...problems('id')]}
      >
        <input
          id={`${idPrefix}-id`}
          className="input input-mono"
          value={trigger.id}
          aria-invalid={problems('id').length > 0}
          onChange={(e) => onChange({ ...trigger, id: e.target.value }, 'id')}
        />
      </Field>
      {trigger.kind === 'schedule' ? (
        <ScheduleFields trigger={trigger} idPrefix={idPrefix} problems={problems} onChange={onChange} />
      ) : (
        <WebhookFields trigger={trigger} idPrefix={idPrefix} problems={problems} onChange={onChange} />
      )}
    </div>
  );
}
