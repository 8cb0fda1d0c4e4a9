import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Identity } from '#shared';
import { readJsonRequest, REFUSED, sendError, sendJson } from './http-api.js';
import { bearerToken, tokenMatches } from './http-security.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionStore } from './session-store.js';
import type { UserDirectory } from './user-directory.js';

/** `caller` undefined: the backend's own identity (the server's OS user). */
export type AuthResult = { ok: true; caller?: Identity } | { ok: false };

/** How the HTTP server tells who sends a request, and its sign-in endpoint `/api/session`. */
export interface HttpAuth {
  identify(req: IncomingMessage, url: URL): Promise<AuthResult>;
  /** `GET` who is signed in, `POST {name, password}` signs in, `DELETE` signs out. */
  session(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void>;
  /** The 401 message: what to send. */
  readonly challenge: string;
}

const COOKIE = 'switchyard_session';

/**
 * No users file: everyone who may call (anyone on loopback, or whoever has the shared token)
 * acts as the server's own user. `/api/events` also takes `?token=` (EventSource sends no headers).
 */
export function sharedTokenAuth(token: string | undefined): HttpAuth {
  return {
    challenge: 'missing or wrong token: send "Authorization: Bearer TOKEN"',
    async identify(req, url) {
      if (token === undefined) return { ok: true };
      const given =
        bearerToken(req.headers.authorization) ??
        (url.pathname === '/api/events' ? (url.searchParams.get('token') ?? undefined) : undefined);
      return { ok: tokenMatches(given, token) };
    },
    async session(_req, res) {
      sendError(res, 404, 'NOT_FOUND', 'this server has no users file (serve --users FILE), so there is no sign-in');
    },
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const cut = part.indexOf('=');
    if (cut > 0 && part.slice(0, cut).trim() === name) return part.slice(cut + 1).trim();
  }
  return undefined;
}

function sessionCookie(id: string, maxAgeSeconds: number): string {
  return `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

const SignIn = z.strictObject({ name: z.string().min(1).max(200), password: z.string().min(1).max(1024) });

export interface UsersAuthOptions {
  sessions?: SessionStore;
  throttle?: LoginThrottle;
}

/** `serve --users FILE`: a bearer token of a user, or the session cookie of a sign-in. */
export function usersAuth(directory: UserDirectory, options: UsersAuthOptions = {}): HttpAuth {
  const sessions = options.sessions ?? new SessionStore();
  const throttle = options.throttle ?? new LoginThrottle();

  async function who(req: IncomingMessage): Promise<Identity | undefined> {
    const token = bearerToken(req.headers.authorization);
    if (token !== undefined) return directory.byToken(token);
    const id = cookieValue(req.headers.cookie, COOKIE);
    return id === undefined ? undefined : sessions.get(id);
  }

  async function signIn(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
    const body = await readJsonRequest(req, res, 'session', maxBodyBytes);
    if (body === REFUSED) return;
    const parsed = SignIn.safeParse(body);
    if (!parsed.success) {
      sendError(res, 400, 'BAD_USAGE', 'session: send {"name": "…", "password": "…"} to sign in');
      return;
    }
    const { name, password } = parsed.data;
    const wait = throttle.waitMs(name);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      sendError(res, 429, 'TOO_MANY_ATTEMPTS', `too many failed sign-ins for ${name}; try again in ${seconds} s`, {
        'Retry-After': String(seconds),
      });
      return;
    }
    const identity = await directory.signIn(name, password);
    if (identity === undefined) {
      throttle.failed(name);
      sendError(res, 401, 'UNAUTHORIZED', 'wrong name or password');
      return;
    }
    throttle.succeeded(name);
    const id = sessions.create(identity);
    sendJson(res, 200, { data: identity }, { 'Set-Cookie': sessionCookie(id, Math.floor(sessions.ttlMs / 1000)) });
  }

  return {
    challenge:
      'sign in first: POST /api/session with {"name", "password"} (the web UI does), or send "Authorization: Bearer TOKEN" with a token of the users file',
    async identify(req) {
      const caller = await who(req);
      return caller === undefined ? { ok: false } : { ok: true, caller };
    },
    async session(req, res, maxBodyBytes) {
      if (req.method === 'POST') return signIn(req, res, maxBodyBytes);
      if (req.method === 'DELETE') {
        const id = cookieValue(req.headers.cookie, COOKIE);
        if (id !== undefined) sessions.end(id);
        sendJson(res, 200, { data: { signedOut: true } }, { 'Set-Cookie': sessionCookie('', 0) });
        return;
      }
      if (req.method !== 'GET') {
        sendError(res, 405, 'BAD_USAGE', 'session: GET (who is signed in), POST (sign in) or DELETE (sign out)', {
          Allow: 'GET, POST, DELETE',
        });
        return;
      }
      const caller = await who(req);
      if (caller === undefined) sendError(res, 401, 'UNAUTHORIZED', 'nobody is signed in');
      else sendJson(res, 200, { data: caller });
    },
  };
}
