import { CATCH_UP_POLICIES, DEFAULT_MAX_CATCH_UP, OVERLAP_POLICIES, type ScheduleTrigger } from '#shared';
import { useMemo } from 'react';
import { LazyCodeField } from '../editor/LazyCodeField.js';
import { withField } from '../model/document-ops.js';
import { scheduleReading, upcomingFireTimes } from '../model/schedule-text.js';
import type { TriggerProblems } from '../model/trigger-problems.js';
import { NumberInput, OptionSelect } from './controls.js';
import { Field } from './Field.js';

/** The datalist of IANA zones the time-zone fields offer (rendered once by the Triggers section). */
export const TIME_ZONE_LIST_ID = 'time-zone-names';

/** Cron (read back in words), zone, the next fire times, input and the overlap/catch-up policies. */
export function ScheduleFields({
  trigger,
  idPrefix,
  problems,
  onChange,
}: {
  trigger: ScheduleTrigger;
  idPrefix: string;
  problems: TriggerProblems;
  onChange: (next: ScheduleTrigger, field: string) => void;
}) {
  const set = <K extends keyof ScheduleTrigger>(key: K, value: ScheduleTrigger[K] | undefined): void =>
    onChange(withField(trigger, key, value), key);
  const reading = scheduleReading(trigger);
  const fires = useMemo(
    () => upcomingFireTimes({ cron: trigger.cron, timezone: trigger.timezone }, Date.now()),
    [trigger.cron, trigger.timezone],
  );
  return (
    <>
      <Field
        id={`${idPrefix}-cron`}
        label="Cron"
        required
        hint={reading === undefined ? undefined : <span data-testid="schedule-reading">{reading}</span>}
        problems={problems('cron')}
      >
        <input
          id={`${idPrefix}-cron`}
          className="input input-mono"
          value={trigger.cron}
          placeholder="minute hour day month weekday"
          aria-invalid={problems('cron').length > 0}
          onChange={(e) => set('cron', e.target.value)}
        />
      </Field>
      <Field id={`${idPrefix}-timezone`} label="Time zone" required problems={problems('timezone')}>
        <input
          id={`${idPrefix}-timezone`}
          className="input"
          list={TIME_ZONE_LIST_ID}
          value={trigger.timezone}
          aria-invalid={problems('timezone').length > 0}
          onChange={(e) => set('timezone', e.target.value)}
        />
      </Field>
      {fires.length > 0 && (
        <div className="fire-times" data-testid="next-fires">
          <span className="field-label">Next fire times</span>
          <ol>
            {fires.map((fire) => (
              <li key={fire}>{fire}</li>
            ))}
          </ol>
        </div>
      )}
      <Field
        id={`${idPrefix}-input`}
        label="Run input"
        hint="JSONata; $now() is the fire time. Empty: {}."
        problems={problems('input')}
      >
        <LazyCodeField
          value={trigger.input ?? ''}
          syntax="expression"
          labelledBy={`${idPrefix}-input-label`}
          invalid={problems('input').length > 0}
          testId={`${idPrefix}-input`}
          onChange={(text) => set('input', text === '' ? undefined : text)}
        />
      </Field>
      <Field
        id={`${idPrefix}-overlap`}
        label="While a run is active"
        hint="skip drops the fire, queue starts it after, allow starts it anyway."
        problems={problems('overlap')}
      >
        <OptionSelect
          id={`${idPrefix}-overlap`}
          value={trigger.overlap}
          options={OVERLAP_POLICIES}
          defaultLabel="skip (default)"
          onChange={(value) => set('overlap', value)}
        />
      </Field>
      <Field
        id={`${idPrefix}-catchUp`}
        label="Missed fires"
        hint="Fires missed while no process ran."
        problems={problems('catchUp')}
      >
        <OptionSelect
          id={`${idPrefix}-catchUp`}
          value={trigger.catchUp}
          options={CATCH_UP_POLICIES}
          defaultLabel="none (default)"
          onChange={(value) => set('catchUp', value)}
        />
      </Field>
      {trigger.catchUp === 'all' && (
        <Field id={`${idPrefix}-maxCatchUp`} label="At most" problems={problems('maxCatchUp')}>
          <NumberInput
            id={`${idPrefix}-maxCatchUp`}
            value={trigger.maxCatchUp}
            integer
            min={1}
            placeholder={String(DEFAULT_MAX_CATCH_UP)}
            invalid={problems('maxCatchUp').length > 0}
            onChange={(value) => set('maxCatchUp', value)}
          />
        </Field>
      )}
    </>
  );
}
