import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SwitchyardBridge } from './bridge-contract.js';

// The preload runs in Electron's sandbox; here 'electron' is replaced by a recorder so the
// bridge's own logic (what it exposes, what it refuses, what it forwards) is tested in Node.
const electron = vi.hoisted(() => {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const listeners = new Map<string, Set<Listener>>();
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    listeners,
    emit(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'secret' }, ...args);
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: vi.fn(async (...args: unknown[]) => ({ data: args })),
      on(channel: string, listener: Listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      },
      removeListener(channel: string, listener: Listener) {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let bridge: SwitchyardBridge;
beforeAll(async () => {
  await import('./preload.js');
  bridge = electron.exposed.get('switchyard') as SwitchyardBridge;
});

describe('preload bridge', () => {
  it('exposes exactly invoke, onEvents, onMenu and platform, and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['switchyard']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvents', 'onMenu', 'platform']);
    expect(bridge.platform).toBe(process.platform);
  });

  it('forwards Backend API calls on the invoke channel', async () => {
    await expect(bridge.invoke('listWorkflows', {})).resolves.toEqual({
      data: ['switchyard:invoke', 'listWorkflows', {}],
    });
  });

  it('refuses unknown method names without calling main', async () => {
    electron.ipcRenderer.invoke.mockClear();
    const call = bridge.invoke.bind(bridge) as (method: string, params: unknown) => Promise<unknown>;
    await expect(call('readFile', { path: '/etc/passwd' })).resolves.toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('"readFile"') },
    });
    await expect(call('__proto__', {})).resolves.toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('passes menu commands on without the IPC event, drops unknown ones, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = bridge.onMenu((...args) => seen.push(args));
    electron.emit('switchyard:menu', 'save');
    electron.emit('switchyard:menu', 'open', 'a.flow.json');
    electron.emit('switchyard:menu', 'format-disk');
    off();
    electron.emit('switchyard:menu', 'undo');
    expect(seen).toEqual([['save'], ['open', 'a.flow.json']]);
  });

  it('passes run events on and drops malformed messages', () => {
    const seen: unknown[] = [];
    const off = bridge.onEvents((message) => seen.push(message));
    electron.emit('switchyard:events', { runId: 'r1', events: [] });
    electron.emit('switchyard:events', { runId: 7 });
    off();
    electron.emit('switchyard:events', { runId: 'r2', events: [] });
    expect(seen).toEqual([{ runId: 'r1', events: [] }]);
    expect(electron.listeners.get('switchyard:events')?.size).toBe(0);
  });
});
