import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { RunOutcome, TriggerStore } from '#engine';
import {
  DEFAULT_RESULT_TIMEOUT_SECONDS,
  LIMITS,
  SwitchyardError,
  toErrorInfo,
  type RunTrigger,
  type Workflow,
} from '#shared';
import { readBody, sendError, sendJson, sendUnreadBody, statusOf } from './http-api.js';
import { parseJsonText } from './json-text.js';
import type { ActiveTriggers, WebhookRoute } from './trigger-set.js';
import { checkWebhookAuth, type WebhookSecrets } from './webhook-auth.js';

const IdempotencyKey = z.string().min(1).max(200);

export interface WebhookDeps {
  triggers: () => ActiveTriggers;
  secrets: WebhookSecrets;
  store: TriggerStore;
  /** Starts the run and answers once it is recorded; CONFLICT when the key already has a run. */
  start: (workflow: Workflow, trigger: RunTrigger, input: unknown) => Promise<RunOutcome>;
  /** The run's outcome once it ended or waits, or undefined after `timeoutMs`. */
  awaitResult: (runId: string, timeoutMs: number) => Promise<RunOutcome | undefined>;
  /** The server listens on a loopback address (where `auth: none` is allowed). */
  loopback: boolean;
  now: () => number;
  maxBodyBytes?: number;
}

/** `POST /hooks/<path>`: the webhook's auth, its JSON body as the run input, one run per Idempotency-Key. */
export type WebhookHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

function refuse(res: ServerResponse, err: unknown): void {
  const { code, message } = toErrorInfo(err);
  sendError(res, code === 'UNAUTHORIZED' ? 401 : statusOf(code), code, message);
}

async function answer(res: ServerResponse, route: WebhookRoute, outcome: RunOutcome, deps: WebhookDeps) {
  const response = route.trigger.response ?? { mode: 'accepted' };
  let result: RunOutcome | undefined = outcome.status === 'running' ? undefined : outcome;
  if (response.mode === 'result' && result === undefined) {
    const seconds = response.timeoutSeconds ?? DEFAULT_RESULT_TIMEOUT_SECONDS;
    result = await deps.awaitResult(outcome.runId, seconds * 1000);
  }
  if (response.mode === 'result' && result !== undefined && result.status !== 'waiting')
    return sendJson(res, 200, { data: result });
  sendJson(res, 202, { data: { runId: outcome.runId, status: result?.status ?? 'running' } });
}

/** The answer for a delivery whose Idempotency-Key already started a run: that run, started once. */
async function existing(route: WebhookRoute, key: string, deps: WebhookDeps): Promise<RunOutcome | undefined> {
  const run = await deps.store.triggeredRun(route.workflow.id, route.trigger.id, key);
  if (run === undefined) return undefined;
  return { runId: run.id, status: run.status, output: run.output ?? null, error: run.error ?? null, waitingOn: [] };
}

export function webhookHandler(deps: WebhookDeps): WebhookHandler {
  const maxBodyBytes = deps.maxBodyBytes ?? LIMITS.messageBytes;
  return async (req, res, path) => {
    const route = deps.triggers().webhooks.get(path);
    const what = `webhook ${path}`;
    if (route === undefined) return sendError(res, 404, 'NOT_FOUND', `no workflow has a webhook at /hooks/${path}`);
    const method = route.trigger.method ?? 'POST';
    if (req.method !== method)
      return sendError(res, 405, 'BAD_USAGE', `call ${what} with ${method}`, { Allow: method });
    let body: Buffer;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (err) {
      return sendUnreadBody(res, err, what, maxBodyBytes);
    }
    try {
      checkWebhookAuth(route.trigger.auth, { headers: req.headers, body, loopback: deps.loopback }, deps.secrets, what);
      const text = body.toString('utf8');
      const input = text.trim() === '' ? {} : parseJsonText(`the body of ${what}`, text);
      const rawKey = req.headers['idempotency-key'];
      const key = rawKey === undefined ? undefined : IdempotencyKey.safeParse(rawKey);
      if (key !== undefined && !key.success)
        throw new SwitchyardError('BAD_USAGE', `${what}: Idempotency-Key must be one header of 1 to 200 characters`);
      const trigger: RunTrigger = {
        id: route.trigger.id,
        kind: 'webhook',
        fireTime: new Date(deps.now()).toISOString(),
      };
      if (key !== undefined) trigger.idempotencyKey = key.data;
      const before = key === undefined ? undefined : await existing(route, key.data, deps);
      if (before !== undefined) return await answer(res, route, before, deps);
      let outcome: RunOutcome;
      try {
        outcome = await deps.start(route.workflow, trigger, input);
      } catch (err) {
        // A retry racing the first delivery: the store kept one run; answer with it.
        const raced = key === undefined ? undefined : await existing(route, key.data, deps);
        if (!(err instanceof SwitchyardError && err.code === 'CONFLICT') || raced === undefined) throw err;
        outcome = raced;
      }
      await answer(res, route, outcome, deps);
    } catch (err) {
      refuse(res, err);
    }
  };
}
