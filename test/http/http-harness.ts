import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBackend,
  createRunEventHub,
  FsWorkspace,
  createHost,
  startHttpServer,
  startTimerScheduler,
  type Backend,
  type Host,
  type RunningServer,
  type TimerScheduler,
} from '#backend';
import type { Logger } from '#engine';
import { BACKEND_METHODS, type BackendMethod, type BackendParams, type BackendResult } from '#shared';

export interface TestServerOptions {
  maxInlineWaitMs?: number;
  token?: string;
  staticDir?: string;
  timerIntervalMs?: number;
}

export interface ApiReply {
  status: number;
  headers: Headers;
  body: { data?: unknown; error?: { code: string; message: string } };
}

export interface TestServer {
  url: string;
  dir: string;
  workspaceDir: string;
  dbPath: string;
  host: Host;
  backend: Backend;
  logs: string[];
  /** POST /api/<method> with JSON params; `raw` sends the body text as it is. */
  api(
    method: string,
    params?: unknown,
    init?: { token?: string; raw?: string; contentType?: string },
  ): Promise<ApiReply>;
  /** The `data` of a call that must succeed, checked against the method's result schema. */
  ok<M extends BackendMethod>(method: M, params: BackendParams<M>): Promise<BackendResult<M>>;
  close(): Promise<void>;
}

/**
 * A real server on a random port over a real SQLite file in a temp dir, wired as `serve` wires
 * it.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-http-'));
  const workspaceDir = mkdtempSync(join(dir, 'ws-'));
  const dbPath = join(dir, 'runs.db');
  const logs: string[] = [];
  const logger: Logger = { log: (level, message) => logs.push(`[${level}] ${message}`) };
  const events = createRunEventHub(logger);
  // Group commit, as `serve` runs it.
  const host = createHost({
    dbPath,
    groupCommit: true,
    logger,
    onEvents: events.publish,
    ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
  });
  const backend = createBackend({
    workspace: new FsWorkspace(workspaceDir),
    engine: host.engine,
    store: host.store,
    events,
    logger,
  });
  const server: RunningServer = await startHttpServer({
    backend,
    port: 0,
    logger,
    staticDir: options.staticDir ?? join(dir, 'no-ui'),
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  const scheduler: TimerScheduler = startTimerScheduler({
    store: host.store,
    runs: backend.runs,
    logger,
    intervalMs: options.timerIntervalMs ?? 100,
  });

  const api: TestServer['api'] = async (method, params = {}, init = {}) => {
    const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
    if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
    const res = await fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers,
      body: init.raw ?? JSON.stringify(params),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as ApiReply['body'] };
  };
  return {
    url: server.url,
    dir,
    workspaceDir,
    dbPath,
    host,
    backend,
    logs,
    api,
    async ok<M extends BackendMethod>(method: M, params: BackendParams<M>): Promise<BackendResult<M>> {
      const reply = await api(method, params, options.token === undefined ? {} : { token: options.token });
      if (reply.status !== 200 || reply.body.error)
        throw new Error(`${method} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      const schema: { parse(value: unknown): unknown } = BACKEND_METHODS[method].result;
      return schema.parse(reply.body.data) as BackendResult<M>;
    },
    async close() {
      await server.close();
      await scheduler.stop();
      await backend.runs.idle();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A GET with raw headers (fetch will not let a test set Host). */
export function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
