import { SwitchyardError } from '#shared';
import type { ExecContext, ExecResult } from '../node-executor.js';

function statusExpected(status: number, expect: number | number[] | undefined): boolean {
  if (expect === undefined) return status >= 200 && status <= 299;
  return Array.isArray(expect) ? expect.includes(status) : status === expect;
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return null;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  const detail = cause instanceof Error ? cause.message : undefined;
  return detail && !err.message.includes(detail) ? `${err.message} (${detail})` : err.message;
}

export async function execute(ctx: ExecContext<'http'>): Promise<ExecResult> {
  const { method, url: urlTemplate, headers: headerTemplates, body: bodySource, expectStatus } = ctx.node.config;
  const url = await ctx.render('config.url', urlTemplate);
  const headers: Record<string, string> = {
    'Idempotency-Key': ctx.idempotencyKey,
    'Switchyard-Attempt': String(ctx.attempt),
  };
  for (const [name, template] of Object.entries(headerTemplates ?? {})) {
    headers[name] = await ctx.render(`config.headers.${name}`, template);
  }
  let body: string | undefined;
  if (bodySource !== undefined) {
    const value = await ctx.evaluate('config.body', bodySource);
    body = typeof value === 'string' ? value : JSON.stringify(value);
    if (typeof value !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  let response: Response;
  try {
    response = await ctx.ports.fetch(url, { method, headers, body, signal: ctx.signal });
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    throw new SwitchyardError('HTTP_FAILED', `${method} ${url} failed: ${describeFailure(err)}`);
  }
  const text = await response.text();
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    responseHeaders[key] = value;
  });
  const output = {
    status: response.status,
    headers: responseHeaders,
    body: parseBody(text, response.headers.get('content-type')),
  };
  if (!statusExpected(response.status, expectStatus)) {
    const snippet = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    throw new SwitchyardError(
      'HTTP_STATUS',
      `${method} ${url} answered ${response.status}${snippet ? `: ${snippet}` : ''}`,
    );
  }
  return { output };
}
