import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatBytes, LIMITS, toErrorInfo, type Envelope, type Identity } from '#shared';
import type { Backend } from './backend-service.js';
import { parseJsonText } from './json-text.js';

const BAD_REQUEST = new Set([
  'BAD_USAGE',
  'BAD_JSON',
  'BAD_FORMAT_VERSION',
  'INVALID_WORKFLOW',
  'INVALID_INPUT',
  'BAD_SEQ',
  'BAD_BUNDLE',
  'BAD_EXPRESSION',
  'LIMIT_EXCEEDED',
]);
const CONFLICTS = new Set(['CONFLICT', 'NODE_NOT_WAITING', 'RUN_FINISHED']);

/** The HTTP status that fits an error code. */
export function statusOf(code: string): number {
  if (BAD_REQUEST.has(code) || code.startsWith('INVALID_')) return 400;
  if (code === 'UNAUTHORIZED') return 401;
  if (code === 'APPROVER_NOT_ALLOWED' || code === 'IDENTITY_MISMATCH') return 403;
  if (code === 'TOO_MANY_ATTEMPTS') return 429;
  if (code === 'NOT_FOUND' || code.endsWith('_NOT_FOUND')) return 404;
  if (CONFLICTS.has(code)) return 409;
  return 500;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: Envelope<unknown>,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { code, message } }, extra);
}

export class BodyTooLarge extends Error {}

/** How much of a too-large body is read (and dropped) before answering, so the client sees the 413. */
const DRAIN_FACTOR = 4;

/** The request body as bytes; rejects with BodyTooLarge past `limit` (declared or read). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? '0') > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      // A client still sending when the socket closes sees a broken pipe, not the answer: read
      // the rest (up to a bound) before answering.
      if (size > limit * DRAIN_FACTOR) reject(new BodyTooLarge());
      else if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function isJsonContent(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type);
}

/** Answers a body readBody refused: 413 past the limit, else 400. */
export function sendUnreadBody(res: ServerResponse, err: unknown, what: string, maxBodyBytes: number): void {
  if (err instanceof BodyTooLarge) {
    sendError(
      res,
      413,
      'LIMIT_EXCEEDED',
      `${what}: the request body is larger than ${formatBytes(maxBodyBytes)} (limit messageBytes)`,
      { Connection: 'close' },
    );
  } else sendError(res, 400, 'BAD_USAGE', `${what}: the request body could not be read`);
}

/** Marks a request already answered with an error. */
export const REFUSED: unique symbol = Symbol('refused');

/**
 * A POST's JSON body (`{}` when empty), or REFUSED once it has answered why not (wrong method,
 * content type, size or JSON). `what` names the call in messages.
 */
export async function readJsonRequest(
  req: IncomingMessage,
  res: ServerResponse,
  what: string,
  maxBodyBytes: number = LIMITS.messageBytes,
): Promise<unknown> {
  if (req.method !== 'POST') {
    sendError(res, 405, 'BAD_USAGE', `call ${what} with POST and the params as a JSON body`, { Allow: 'POST' });
    return REFUSED;
  }
  // A JSON content type also makes browsers preflight cross-site calls, which this server never allows.
  if (!isJsonContent(req)) {
    sendError(res, 415, 'BAD_USAGE', `${what}: send the params as JSON with "Content-Type: application/json"`);
    return REFUSED;
  }
  let text: string;
  try {
    text = (await readBody(req, maxBodyBytes)).toString('utf8');
  } catch (err) {
    sendUnreadBody(res, err, what, maxBodyBytes);
    return REFUSED;
  }
  if (text.trim() === '') return {};
  try {
    return parseJsonText(`the body of ${what}`, text);
  } catch (err) {
    const { code, message } = toErrorInfo(err, 'BAD_JSON');
    sendError(res, 400, code, message);
    return REFUSED;
  }
}

/** `POST /api/<method>` with the params as a JSON body → `{ data }` or `{ error }`; `caller` decides approvals. */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  backend: Backend,
  method: string,
  maxBodyBytes: number = LIMITS.messageBytes,
  caller?: Identity,
): Promise<void> {
  const params = await readJsonRequest(req, res, method, maxBodyBytes);
  if (params === REFUSED) return;
  const envelope = await backend.call(method, params, caller);
  sendJson(res, 'error' in envelope ? statusOf(envelope.error.code) : 200, envelope);
}
