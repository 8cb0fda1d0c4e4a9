import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBackend,
  createRunEventHub,
  fixedStoreSetting,
  FsPinStore,
  FsWorkspace,
  createHost,
  hashSecret,
  parseSecretHash,
  UserDirectory,
  startHttpServer,
  startTimerScheduler,
  type Backend,
  type Host,
  type RunningServer,
  type TimerScheduler,
  type UserRecord,
} from '#backend';
import type { Logger } from '#engine';
import { BACKEND_METHODS, type BackendMethod, type BackendParams, type BackendResult, type Identity } from '#shared';

/** A user of the test server's users file: password `pw-NAME`, bearer token `tok-NAME`. */
export interface TestUser {
  name: string;
  groups?: string[];
}

export interface TestServerOptions {
  maxInlineWaitMs?: number;
  token?: string;
  /** Who calls when no users file names them (the OS user of `serve`); default the real local identity. */
  identity?: Identity;
  /** Serve with a users file (as `serve --users`); `as(name)` then calls as one of them. */
  users?: TestUser[];
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
  /**
   * POST /api/<method> with JSON params; `raw` sends the body text as it is. With `users`, it
   * sends the first user's token unless given another or `anonymous`.
   */
  api(
    method: string,
    params?: unknown,
    init?: { token?: string; raw?: string; contentType?: string; anonymous?: boolean },
  ): Promise<ApiReply>;
  /** The `data` of a call that must succeed, checked against the method's result schema. */
  ok<M extends BackendMethod>(method: M, params: BackendParams<M>): Promise<BackendResult<M>>;
  /** The same calls with the bearer token of user `name` (servers with `users`). */
  as(name: string): Pick<TestServer, 'api' | 'ok'>;
  close(): Promise<void>;
}

// Cheap scrypt: the tests check who is who, not the cost.
const TEST_COST = { N: 1024, r: 8, p: 1 };

async function hashed(secret: string): Promise<ReturnType<typeof parseSecretHash>> {
  return parseSecretHash(await hashSecret(secret, TEST_COST));
}

async function testDirectory(users: readonly TestUser[]): Promise<UserDirectory> {
  const records: UserRecord[] = [];
  for (const user of users) {
    const [password, token] = [await hashed(`pw-${user.name}`), await hashed(`tok-${user.name}`)];
    if (password === undefined || token === undefined) throw new Error('the test hash does not parse');
    records.push({ name: user.name, groups: user.groups ?? [], password, token });
  }
  return new UserDirectory(records);
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
    pins: new FsPinStore(workspaceDir),
    engine: host.engine,
    store: host.store,
    storeSetting: fixedStoreSetting({ kind: 'sqlite', path: dbPath }, 'command line'),
    events,
    logger,
    ...(options.identity === undefined ? {} : { identity: options.identity }),
  });
  const server: RunningServer = await startHttpServer({
    backend,
    port: 0,
    logger,
    staticDir: options.staticDir ?? join(dir, 'no-ui'),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.users === undefined ? {} : { users: await testDirectory(options.users) }),
  });
  const scheduler: TimerScheduler = startTimerScheduler({
    store: host.store,
    runs: backend.runs,
    logger,
    intervalMs: options.timerIntervalMs ?? 100,
  });

  const firstUser = options.users?.[0];
  const defaultToken = firstUser === undefined ? undefined : `tok-${firstUser.name}`;
  const api: TestServer['api'] = async (method, params = {}, init = {}) => {
    const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
    const token = init.anonymous === true ? undefined : (init.token ?? defaultToken);
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    const res = await fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers,
      body: init.raw ?? JSON.stringify(params),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as ApiReply['body'] };
  };
  const okWith =
    (token: string | undefined) =>
    async <M extends BackendMethod>(method: M, params: BackendParams<M>): Promise<BackendResult<M>> => {
      const reply = await api(method, params, token === undefined ? {} : { token });
      if (reply.status !== 200 || reply.body.error)
        throw new Error(`${method} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      const schema: { parse(value: unknown): unknown } = BACKEND_METHODS[method].result;
      return schema.parse(reply.body.data) as BackendResult<M>;
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
    ok: okWith(options.token ?? defaultToken),
    as(name) {
      const token = `tok-${name}`;
      return { api: (method, params, init = {}) => api(method, params, { token, ...init }), ok: okWith(token) };
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
