import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LIMITS, SwitchyardError } from '#shared';
import type { Logger } from '#engine';
import type { Backend } from './backend-service.js';
import { handleApiCall, sendError, sendJson } from './http-api.js';
import { sharedTokenAuth, usersAuth, type HttpAuth } from './http-auth.js';
import { EventStreams } from './http-events.js';
import { assertSafeBinding, hostAllowed, isLoopbackHost, originAllowed } from './http-security.js';
import type { UserDirectory } from './user-directory.js';
import { serveStatic } from './http-static.js';
import { defaultStaticDir, findPackage } from './package-root.js';
import type { WebhookHandler } from './webhook-handler.js';

export interface HttpServerOptions {
  backend: Backend;
  /** Default 127.0.0.1. A non-loopback host needs a token. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** When set, every /api call needs `Authorization: Bearer TOKEN` (or `?token=` on /api/events). */
  token?: string;
  /**
   * `serve --users FILE`: every /api call needs a user's bearer token or a sign-in cookie, and
   * runs as that user. Without it, callers act as the backend's identity (the OS user).
   */
  users?: UserDirectory;
  /** The built web UI (default: dist/renderer of the package). */
  staticDir?: string;
  /** Origins besides the server itself that may call the API (e.g. a dev server). */
  allowedOrigins?: readonly string[];
  heartbeatMs?: number;
  maxBodyBytes?: number;
  logger?: Logger;
  /** `POST /hooks/<path>`: called by other servers, so it skips the Origin and session checks and does its own auth. */
  webhooks?: WebhookHandler;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Context {
  options: HttpServerOptions;
  host: string;
  version: string;
  staticDir: string | undefined;
  streams: EventStreams;
  auth: HttpAuth;
}

async function route(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (isLoopbackHost(ctx.host) && !hostAllowed(req.headers.host, ctx.host)) {
    sendError(
      res,
      403,
      'UNAUTHORIZED',
      `this server answers requests for ${ctx.host} or localhost only (Host: ${req.headers.host ?? 'missing'})`,
    );
    return;
  }
  const url = new URL(req.url ?? '/', 'http://switchyard.invalid');
  if (url.pathname.startsWith('/hooks/')) {
    const path = url.pathname.slice('/hooks/'.length);
    if (ctx.options.webhooks !== undefined) return ctx.options.webhooks(req, res, path);
    return sendError(res, 404, 'NOT_FOUND', `no workflow has a webhook at /hooks/${path}`);
  }
  if (!url.pathname.startsWith('/api/')) return serveStatic(req, res, ctx.staticDir, url.pathname);
  if (!originAllowed(req.headers.origin, req.headers.host, ctx.options.allowedOrigins ?? [])) {
    sendError(res, 403, 'UNAUTHORIZED', `requests from ${req.headers.origin ?? '?'} are not allowed`);
    return;
  }
  const name = url.pathname.slice('/api/'.length);
  const maxBodyBytes = ctx.options.maxBodyBytes ?? LIMITS.messageBytes;
  if (name === 'session') return ctx.auth.session(req, res, maxBodyBytes);
  const auth = await ctx.auth.identify(req, url);
  if (!auth.ok) {
    sendError(res, 401, 'UNAUTHORIZED', ctx.auth.challenge, { 'WWW-Authenticate': 'Bearer' });
    return;
  }
  if (name === 'health' && req.method === 'GET')
    return sendJson(res, 200, { data: { ok: true, version: ctx.version } });
  if (name === 'events' && req.method === 'GET') {
    ctx.streams.serve(
      res,
      ctx.options.backend,
      url.searchParams.get('runId') ?? undefined,
      ctx.options.heartbeatMs ?? 15_000,
    );
    return;
  }
  return handleApiCall(req, res, ctx.options.backend, name, maxBodyBytes, auth.caller);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error & { code?: string }): void => {
      const reason =
        err.code === 'EADDRINUSE' ? `port ${port} is already in use; choose another with --port` : err.message;
      reject(new SwitchyardError('BAD_USAGE', `cannot listen on ${host}:${port}: ${reason}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** Where the API listens unless told otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * The HTTP transport of the Backend API (`switchyard serve`): `POST /api/<method>`,
 * `GET /api/events` (SSE), `GET /api/health`, `/api/session` (sign-in with `users`), and the
 * web UI's static files.
 *
 * @example
 * const server = await startHttpServer({ backend, port: 0 });
 * console.log(server.url); // http://127.0.0.1:53122
 * await server.close();
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  assertSafeBinding(host, options.token, options.users !== undefined);
  const ctx: Context = {
    options,
    host,
    version: findPackage()?.version ?? '0.0.0',
    staticDir: options.staticDir ?? defaultStaticDir(),
    streams: new EventStreams(),
    auth: options.users === undefined ? sharedTokenAuth(options.token) : usersAuth(options.users),
  };
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    route(req, res, ctx).catch((err: unknown) => {
      options.logger?.log(
        'error',
        `HTTP ${req.method ?? '?'} ${req.url ?? '?'} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'the server failed to answer this request; see its log');
      else res.destroy();
    });
  });
  const port = await listen(server, options.port, host);
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        ctx.streams.closeAll();
        // Once no request is being answered, every open socket is idle or unused (clients
        // like undici open spare ones); calls still running get a moment to answer.
        const cut = (): void => server.closeAllConnections();
        drained = cut;
        if (inFlight === 0) cut();
        setTimeout(cut, 2000).unref();
      });
      return closing;
    },
  };
}
