import type { Trigger, TriggerKind, Workflow } from '#shared';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { timeZoneNames } from '../model/schedule-text.js';
import { addTrigger, removeTrigger, replaceTrigger } from '../model/trigger-ops.js';
import { isTriggerProblem, triggerProblems } from '../model/trigger-problems.js';
import { useDesigner, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { TIME_ZONE_LIST_ID } from './ScheduleFields.js';
import { TriggerCard } from './TriggerCard.js';
import './triggers.css';

const NO_TRIGGERS: readonly Trigger[] = [];

/** The workflow's triggers: each edit is one undo step of the designer's document. */
export function TriggersSection() {
  const { designer } = useStores();
  const triggers = useDesigner((s) => s.doc?.triggers ?? NO_TRIGGERS);
  const problems = useDesigner(useShallow((s) => s.problems.filter(isTriggerProblem)));
  const zones = useMemo(timeZoneNames, []);
  const edit = (recipe: (doc: Workflow) => Workflow, coalesceKey?: string): void =>
    designer.getState().edit(recipe, coalesceKey);
  const add = (kind: TriggerKind): void =>
    edit((doc) => addTrigger(doc, kind, Intl.DateTimeFormat().resolvedOptions().timeZone).doc);

  return (
    <section className="inspector-section" aria-labelledby="triggers-title" data-testid="triggers-section">
      <h3 className="inspector-section-title" id="triggers-title">
        Triggers
      </h3>
      {triggers.length === 0 && (
        <p className="field-hint">Runs start only by hand. Add a schedule or a webhook to start them by themselves.</p>
      )}
      {triggers.map((trigger, index) => (
        <TriggerCard
          key={index}
          trigger={trigger}
          index={index}
          problems={triggerProblems(problems, index)}
          onChange={(next, field) => edit((doc) => replaceTrigger(doc, index, next), `trigger:${index}:${field}`)}
          onRemove={() => edit((doc) => removeTrigger(doc, index))}
        />
      ))}
      <div className="inspector-actions trigger-add">
        <button type="button" className="btn btn-sm" onClick={() => add('schedule')}>
          <Icon name="schedule" size={13} /> Add schedule
        </button>
        <button type="button" className="btn btn-sm" onClick={() => add('webhook')}>
          <Icon name="webhook" size={13} /> Add webhook
        </button>
      </div>
      <datalist id={TIME_ZONE_LIST_ID}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </section>
  );
}
