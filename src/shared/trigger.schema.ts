import { z } from 'zod';
import { SECRET_NAME } from './secrets.js';

/** A trigger's id: unique in its workflow; runs record it (`run.trigger.id`). */
export const TriggerId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected a trigger id (a letter, then letters, digits, _ or -)');

export const OVERLAP_POLICIES = ['skip', 'queue', 'allow'] as const;
export const CATCH_UP_POLICIES = ['none', 'last', 'all'] as const;
/** How many missed fires `catchUp: 'all'` starts at most, unless `maxCatchUp` says otherwise. */
export const DEFAULT_MAX_CATCH_UP = 10;

/**
 * Starts a run at each time a cron expression names, in an IANA time zone.
 *
 * @example
 * { id: 'nightly', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', overlap: 'skip' }
 */
export const ScheduleTrigger = z.strictObject({
  id: TriggerId,
  kind: z.literal('schedule'),
  /** Five fields (minute … weekday) or six (seconds first). Checked by the engine's validation. */
  cron: z.string().min(1, 'expected a cron expression'),
  /** IANA time zone the cron fields are read in, e.g. `Europe/Berlin`. */
  timezone: z.string().min(1, 'expected an IANA time zone such as Europe/Berlin'),
  /** JSONata expression for the run input, evaluated at fire time (`$now()` is the fire time); default `{}`. */
  input: z.string().min(1, 'expected a non-empty expression').optional(),
  /** When a fire comes while a run of this trigger is still active: skip it (default), queue it, or start anyway. */
  overlap: z.enum(OVERLAP_POLICIES).optional(),
  /** Fires missed while no process ran: none (default), the last one, or all of them (at most maxCatchUp). */
  catchUp: z.enum(CATCH_UP_POLICIES).optional(),
  maxCatchUp: z.int().positive().max(1000).optional(),
});
export type ScheduleTrigger = z.infer<typeof ScheduleTrigger>;

const SecretName = z.string().regex(SECRET_NAME, 'expected a secret name (upper case, digits and _)');

export const WebhookAuth = z.discriminatedUnion('type', [
  /** Anyone may call: only allowed while `serve` listens on a loopback address. */
  z.strictObject({ type: z.literal('none') }),
  /** `Authorization: Bearer <the secret's value>`. */
  z.strictObject({ type: z.literal('bearer'), secret: SecretName }),
  /** HEADER carries `sha256=<hex HMAC of the raw body keyed with the secret's value>`. */
  z.strictObject({
    type: z.literal('hmac'),
    secret: SecretName,
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'expected an HTTP header name')
      .optional(),
    algorithm: z.literal('sha256').optional(),
  }),
]);
export type WebhookAuth = z.infer<typeof WebhookAuth>;

export const WebhookResponse = z.discriminatedUnion('mode', [
  /** 202 with the run id at once. */
  z.strictObject({ mode: z.literal('accepted') }),
  /** Waits up to timeoutSeconds for the run to end and answers its output; else 202 with the run id. */
  z.strictObject({ mode: z.literal('result'), timeoutSeconds: z.number().positive().max(300).optional() }),
]);
export type WebhookResponse = z.infer<typeof WebhookResponse>;

/** The default header of HMAC webhook signatures. */
export const DEFAULT_SIGNATURE_HEADER = 'X-Switchyard-Signature';
/** How long `response: { mode: 'result' }` waits unless timeoutSeconds says otherwise. */
export const DEFAULT_RESULT_TIMEOUT_SECONDS = 30;

/**
 * Starts a run for each HTTP request to `/hooks/<path>` on `switchyard serve`; the JSON body is
 * the run input.
 *
 * @example
 * { id: 'github', kind: 'webhook', path: 'github/push', auth: { type: 'hmac', secret: 'GITHUB_HOOK' } }
 */
export const WebhookTrigger = z.strictObject({
  id: TriggerId,
  kind: z.literal('webhook'),
  /** Under /hooks/: segments of letters, digits, `_`, `-` and `.`, separated by `/`. */
  path: z
    .string()
    .max(200, 'a webhook path is at most 200 characters')
    .regex(
      /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/,
      'expected a path such as "orders/new" (letters, digits, _ - . and /, no leading or trailing /)',
    ),
  method: z.enum(['POST', 'PUT']).optional(),
  auth: WebhookAuth,
  response: WebhookResponse.optional(),
});
export type WebhookTrigger = z.infer<typeof WebhookTrigger>;

/** A way a workflow starts itself (issue 14): on a schedule or on an HTTP request. */
export const Trigger = z.discriminatedUnion('kind', [ScheduleTrigger, WebhookTrigger]);
export type Trigger = z.infer<typeof Trigger>;
export type TriggerKind = Trigger['kind'];

/**
 * Which trigger started a run, recorded on the run row and in `run.started`. A run is unique per
 * (workflow, trigger id, key): the key is the fire time of a schedule, the Idempotency-Key of a
 * webhook delivery (none: every delivery is a run of its own).
 */
export const RunTrigger = z.strictObject({
  id: TriggerId,
  kind: z.enum(['schedule', 'webhook']),
  /** ISO time: the schedule's fire time, or when the webhook request arrived. */
  fireTime: z.iso.datetime(),
  /** A webhook delivery's Idempotency-Key header. */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type RunTrigger = z.infer<typeof RunTrigger>;

/** The store key that makes a triggered run unique (see RunTrigger); undefined: not deduplicated. */
export function runTriggerKey(trigger: RunTrigger): string | undefined {
  return trigger.kind === 'schedule' ? trigger.fireTime : trigger.idempotencyKey;
}
