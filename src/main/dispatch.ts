import type { z } from 'zod';
import {
  BACKEND_METHODS,
  ERROR_CODES,
  formatBytes,
  jsonLongerThan,
  LIMITS,
  TOO_DEEP,
  tooDeep,
  toErrorInfo,
  type ErrorInfo,
  type BackendApi,
  type BackendMethod,
  type BackendParams,
  type BackendResult,
  type Envelope,
} from '#shared';

/** Called after a successful call, e.g. to remember which workflow the page has open. */
export type CallObserver = (method: BackendMethod, params: unknown, result: unknown) => void;

function isBackendMethod(value: unknown): value is BackendMethod {
  return typeof value === 'string' && Object.hasOwn(BACKEND_METHODS, value);
}

// Same wording as the backend's own checks (and so as the HTTP API): `method: field: problem`.
function describePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
  return text === '' ? 'params' : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${describePath(issue.path)}: ` : '';
    return `${where}unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  return `${describePath(issue.path)}: ${issue.message}`;
}

function call<M extends BackendMethod>(
  backend: BackendApi,
  method: M,
  params: BackendParams<M>,
): Promise<BackendResult<M>> {
  return backend[method](params);
}

/**
 * Validates `params` with the method's schema; the type guard narrows the untrusted value to
 * the method's *input* type, which is exactly what BackendApi methods accept.
 */
function areValidParams<M extends BackendMethod>(method: M, params: unknown): params is BackendParams<M> {
  return BACKEND_METHODS[method].params.safeParse(params).success;
}

function explainParams(method: BackendMethod, params: unknown): string {
  const parsed = BACKEND_METHODS[method].params.safeParse(params);
  if (parsed.success) return '';
  return `${method}: ${parsed.error.issues.map(describeIssue).join('; ')}`;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Keeps the stable code of errors that carry one (SwitchyardError or a look-alike from the backend). */
function errorInfoOf(err: unknown): ErrorInfo {
  const info = toErrorInfo(err);
  if (info.code !== 'INTERNAL' || !(err instanceof Error) || !('code' in err)) return info;
  return typeof err.code === 'string' && KNOWN_CODES.has(err.code) ? { code: err.code, message: info.message } : info;
}

/**
 * One Backend API call from an untrusted caller (the page, over IPC): checks the method name
 * and validates the params with the same zod schemas the HTTP API uses, then answers with an
 * envelope. It never throws: every failure becomes `{ error: { code, message } }`.
 *
 * @example
 * await dispatch(backend, 'listRuns', { limit: 0 })
 * // { error: { code: 'BAD_USAGE', message: 'listRuns: limit: Too small: expected number to be >0' } }
 */
export async function dispatch(
  backend: BackendApi,
  method: unknown,
  params: unknown,
  observe?: CallObserver,
): Promise<Envelope<unknown>> {
  if (!isBackendMethod(method)) {
    const known = Object.keys(BACKEND_METHODS).join(', ');
    return {
      error: { code: 'NOT_FOUND', message: `unknown method ${JSON.stringify(method)}; the Backend API has ${known}` },
    };
  }
  // A missing params argument means "no params" for methods that take none.
  const given = params === undefined ? {} : params;
  if (tooDeep(given)) return { error: { code: 'LIMIT_EXCEEDED', message: `${method}: params ${TOO_DEEP}` } };
  if (jsonLongerThan(given, LIMITS.messageBytes)) {
    const limit = formatBytes(LIMITS.messageBytes);
    return {
      error: { code: 'LIMIT_EXCEEDED', message: `${method}: params are larger than ${limit} (limit messageBytes)` },
    };
  }
  if (!areValidParams(method, given)) {
    return { error: { code: 'BAD_USAGE', message: explainParams(method, given) } };
  }
  const answer = await callSafely(backend, method, given);
  if ('data' in answer) observe?.(method, given, answer.data);
  return answer;
}

/** A call made by main itself (params already typed): the result or the error as an envelope. */
export async function callSafely<M extends BackendMethod>(
  backend: BackendApi,
  method: M,
  params: BackendParams<M>,
): Promise<Envelope<BackendResult<M>>> {
  try {
    return { data: await call(backend, method, params) };
  } catch (err) {
    return { error: errorInfoOf(err) };
  }
}
