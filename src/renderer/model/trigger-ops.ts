import type { Trigger, TriggerKind, WebhookAuth, Workflow } from '#shared';

/** The cron expression a new schedule starts with: weekdays at nine. */
export const NEW_SCHEDULE_CRON = '0 9 * * 1-5';

/** Adds a trigger of `kind` with a free id (`schedule1`, `webhook2`); a schedule runs in `timezone`. */
export function addTrigger(doc: Workflow, kind: TriggerKind, timezone: string): { doc: Workflow; index: number } {
  const triggers = doc.triggers ?? [];
  const taken = new Set(triggers.map((t) => t.id));
  let n = 1;
  while (taken.has(`${kind}${n}`)) n++;
  const id = `${kind}${n}`;
  const trigger: Trigger =
    kind === 'schedule'
      ? { id, kind, cron: NEW_SCHEDULE_CRON, timezone }
      : { id, kind, path: `${doc.id}/${id}`, auth: { type: 'none' } };
  return { doc: { ...doc, triggers: [...triggers, trigger] }, index: triggers.length };
}

/** Replaces `triggers[index]` (the same document when there is no such trigger). */
export function replaceTrigger(doc: Workflow, index: number, trigger: Trigger): Workflow {
  const triggers = doc.triggers;
  if (triggers?.[index] === undefined || triggers[index] === trigger) return doc;
  return { ...doc, triggers: triggers.map((t, i) => (i === index ? trigger : t)) };
}

/** Removes `triggers[index]`; the last one removed takes the `triggers` field with it. */
export function removeTrigger(doc: Workflow, index: number): Workflow {
  const triggers = doc.triggers;
  if (triggers?.[index] === undefined) return doc;
  const rest = triggers.filter((_, i) => i !== index);
  if (rest.length > 0) return { ...doc, triggers: rest };
  const copy = { ...doc };
  delete copy.triggers;
  return copy;
}

/** Webhook auth switched to `type`, keeping the secret name across bearer and HMAC. */
export function withAuthType(auth: WebhookAuth, type: WebhookAuth['type']): WebhookAuth {
  if (type === auth.type) return auth;
  const secret = auth.type === 'none' ? '' : auth.secret;
  return type === 'none' ? { type } : { type, secret };
}
