import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBackend,
  createRunEventHub,
  fixedStoreSetting,
  FsWorkspace,
  isLoopbackHost,
  createHost,
  startHttpServer,
} from '#backend';
import { openEventStream } from './event-stream.js';
import { startTestServer, type TestServer } from './http-harness.js';

const TOKEN = 's3cret-token-for-tests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ token: TOKEN });
});
afterAll(async () => {
  await server.close();
});

describe('HTTP security', () => {
  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com', '128.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses to listen on a non-loopback host without a token', async () => {
    const events = createRunEventHub();
    const host = createHost({ dbPath: `${server.dir}/refuse.db`, onEvents: events.publish });
    try {
      const backend = createBackend({
        workspace: new FsWorkspace(server.workspaceDir),
        engine: host.engine,
        store: host.store,
        storeSetting: fixedStoreSetting({ kind: 'sqlite', path: `${server.dir}/refuse.db` }, 'command line'),
        events,
      });
      await expect(startHttpServer({ backend, host: '0.0.0.0', port: 0 })).rejects.toThrow(
        /refusing to serve on 0\.0\.0\.0 without a token/,
      );
      await expect(startHttpServer({ backend, host: '127.0.0.1', port: 0, token: ' ' })).rejects.toThrow(
        /token is empty/,
      );
    } finally {
      await host.close();
    }
  });

  it('needs the bearer token on every API call', async () => {
    const without = await server.api('listWorkflows', {});
    expect(without.status).toBe(401);
    expect(without.body.error?.code).toBe('UNAUTHORIZED');
    expect(without.headers.get('www-authenticate')).toBe('Bearer');
    expect((await server.api('listWorkflows', {}, { token: 'wrong' })).status).toBe(401);
    expect((await server.api('listWorkflows', {}, { token: TOKEN })).status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/health`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      200,
    );
  });

  it('accepts the token as a query parameter on the event stream only', async () => {
    expect((await fetch(`${server.url}/api/events`)).status).toBe(401);
    const stream = await openEventStream(`${server.url}/api/events?token=${TOKEN}`);
    stream.close();
    const health = await fetch(`${server.url}/api/health?token=${TOKEN}`);
    expect(health.status).toBe(401);
  });
});
