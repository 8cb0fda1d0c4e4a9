import {
  DEFAULT_RESULT_TIMEOUT_SECONDS,
  DEFAULT_SIGNATURE_HEADER,
  type WebhookAuth,
  type WebhookTrigger,
} from '#shared';
import { Fragment } from 'react';
import { withAuthType } from '../model/trigger-ops.js';
import type { TriggerProblems } from '../model/trigger-problems.js';
import { hookUrl } from '../model/trigger-text.js';
import { withField } from '../model/document-ops.js';
import { NumberInput, OptionSelect } from './controls.js';
import { Field } from './Field.js';
import { useHookOrigin } from './useHookOrigin.js';

const METHODS = ['POST', 'PUT'] as const;
const AUTH_TYPES = ['none', 'bearer', 'hmac'] as const;
const RESPONSE_MODES = ['accepted', 'result'] as const;

const AUTH_HINTS: Record<WebhookAuth['type'], string> = {
  none: 'Anyone may call: accepted only while serve listens on a loopback address.',
  bearer: 'Callers send Authorization: Bearer <the secret’s value>.',
  hmac: 'Callers sign the body: sha256=<hex HMAC-SHA256 keyed with the secret’s value>.',
};

/** Path (and the URL it is served at), method, auth with its secret, and the response mode. */
export function WebhookFields({
  trigger,
  idPrefix,
  problems,
  onChange,
}: {
  trigger: WebhookTrigger;
  idPrefix: string;
  problems: TriggerProblems;
  onChange: (next: WebhookTrigger, field: string) => void;
}) {
  const origin = useHookOrigin();
  const set = <K extends keyof WebhookTrigger>(key: K, value: WebhookTrigger[K] | undefined): void =>
    onChange(withField(trigger, key, value), key);
  const { auth } = trigger;
  const response = trigger.response ?? { mode: 'accepted' };
  return (
    <>
      <Field
        id={`${idPrefix}-path`}
        label="Path"
        required
        hint={<HookUrl method={trigger.method ?? 'POST'} url={hookUrl(origin, trigger.path)} />}
        problems={problems('path')}
      >
        <input
          id={`${idPrefix}-path`}
          className="input input-mono"
          value={trigger.path}
          placeholder="orders/new"
          aria-invalid={problems('path').length > 0}
          onChange={(e) => set('path', e.target.value)}
        />
      </Field>
      <Field id={`${idPrefix}-method`} label="Method" problems={problems('method')}>
        <OptionSelect
          id={`${idPrefix}-method`}
          value={trigger.method}
          options={METHODS}
          defaultLabel="POST (default)"
          onChange={(value) => set('method', value)}
        />
      </Field>
      <Field id={`${idPrefix}-auth`} label="Auth" hint={AUTH_HINTS[auth.type]} problems={problems('auth')}>
        <OptionSelect
          id={`${idPrefix}-auth`}
          value={auth.type}
          options={AUTH_TYPES}
          onChange={(type) => set('auth', withAuthType(auth, type ?? 'none'))}
        />
      </Field>
      {auth.type !== 'none' && (
        <Field
          id={`${idPrefix}-secret`}
          label="Secret name"
          required
          hint="A secret of the server (Secrets panel); its value never appears here."
          problems={problems('auth.secret')}
        >
          <input
            id={`${idPrefix}-secret`}
            className="input input-mono"
            value={auth.secret}
            placeholder="GITHUB_HOOK"
            aria-invalid={problems('auth.secret').length > 0}
            onChange={(e) => set('auth', { ...auth, secret: e.target.value })}
          />
        </Field>
      )}
      {auth.type === 'hmac' && (
        <Field id={`${idPrefix}-header`} label="Signature header" problems={problems('auth.header')}>
          <input
            id={`${idPrefix}-header`}
            className="input input-mono"
            value={auth.header ?? ''}
            placeholder={DEFAULT_SIGNATURE_HEADER}
            aria-invalid={problems('auth.header').length > 0}
            onChange={(e) => set('auth', withField(auth, 'header', e.target.value === '' ? undefined : e.target.value))}
          />
        </Field>
      )}
      <Field
        id={`${idPrefix}-response`}
        label="Response"
        hint={
          response.mode === 'accepted'
            ? 'Answers 202 with the run id at once.'
            : 'Waits for the run to end and answers its output (202 after the timeout).'
        }
        problems={problems('response')}
      >
        <OptionSelect
          id={`${idPrefix}-response`}
          value={response.mode}
          options={RESPONSE_MODES}
          onChange={(mode) => set('response', mode === 'result' ? { mode } : undefined)}
        />
      </Field>
      {response.mode === 'result' && (
        <Field id={`${idPrefix}-timeout`} label="Timeout (seconds)" problems={problems('response.timeoutSeconds')}>
          <NumberInput
            id={`${idPrefix}-timeout`}
            value={response.timeoutSeconds}
            min={0}
            placeholder={String(DEFAULT_RESULT_TIMEOUT_SECONDS)}
            invalid={problems('response.timeoutSeconds').length > 0}
            onChange={(value) => set('response', withField(response, 'timeoutSeconds', value))}
          />
        </Field>
      )}
    </>
  );
}

/** Where the webhook is served; long URLs wrap after a slash rather than inside a word. */
function HookUrl({ method, url }: { method: string; url: string }) {
  return (
    <span className="trigger-url" data-testid="webhook-url">
      <span className="trigger-method">{method}</span>{' '}
      {url.split('/').map((part, i) => (
        <Fragment key={i}>
          {i > 0 && '/'}
          {i > 2 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
