import type { BackendMethod } from '#shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendError } from './backend-error.js';
import { createHttpTransport } from './http-transport.js';
import { createIpcTransport } from './ipc-transport.js';
import { createMemoryTransport } from './memory-transport.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const summary = { file: 'a.flow.json', modifiedAt: '2026-01-01T00:00:00.000Z', id: 'a', name: 'A', version: 1 };

describe('createHttpTransport', () => {
  it('POSTs JSON params to /api/<method> with the bearer token and unwraps the data', async () => {
    const fetch = vi.fn(
      async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ data: [summary] }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    const api = createHttpTransport('http://host:1/', 'secret');
    await expect(api.listWorkflows({})).resolves.toEqual([summary]);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://host:1/api/listWorkflows');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{}');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer secret', 'Content-Type': 'application/json' });
  });

  it('throws a BackendError with the code and message of an error envelope', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such file' } }), { status: 404 }),
    );
    const error = await createHttpTransport()
      .openWorkflow({ file: 'x.flow.json' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'no such file' });
  });

  it('reports unreachable servers, non-JSON answers and answers of the wrong shape', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(createHttpTransport().listWorkflows({})).rejects.toMatchObject({ code: 'NETWORK' });
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 502 }));
    await expect(createHttpTransport().listWorkflows({})).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      message: expect.stringContaining('HTTP 502'),
    });
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ data: [{ nope: 1 }] })));
    await expect(createHttpTransport().listWorkflows({})).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});

describe('createIpcTransport', () => {
  it('invokes through the preload bridge and forwards valid run events and menu commands', async () => {
    const calls: [BackendMethod, unknown][] = [];
    let events: ((message: unknown) => void) | undefined;
    let menu: ((command: string) => void) | undefined;
    const api = createIpcTransport({
      invoke: async (method, params) => {
        calls.push([method, params]);
        return { data: { file: 'a.flow.json' } };
      },
      onEvents: (listener) => {
        events = listener;
        return () => undefined;
      },
      onMenu: (listener) => {
        menu = listener;
        return () => undefined;
      },
    });
    await expect(api.deleteWorkflow({ file: 'a.flow.json' })).resolves.toEqual({ file: 'a.flow.json' });
    expect(calls).toEqual([['deleteWorkflow', { file: 'a.flow.json' }]]);
    const received: unknown[] = [];
    api.subscribe((m) => received.push(m));
    events?.({ runId: 'r1', events: [] });
    events?.({ garbage: true });
    expect(received).toEqual([{ runId: 'r1', events: [] }]);
    const commands: string[] = [];
    api.onMenu((c) => commands.push(c));
    menu?.('save');
    expect(commands).toEqual(['save']);
  });
});

describe('createMemoryTransport', () => {
  it('keeps a workspace in memory, validated by the engine', async () => {
    const api = createMemoryTransport();
    await expect(api.listWorkflows({})).resolves.toEqual([]);
    await expect(api.importWorkflow({ fileName: 'x.json', text: '{' })).rejects.toMatchObject({
      code: 'INVALID_WORKFLOW',
    });
    await expect(api.openWorkflow({ file: 'none.flow.json' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
