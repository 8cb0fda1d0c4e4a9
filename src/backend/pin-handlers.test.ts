import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinHandlers } from './pin-handlers.js';
import { FsPinStore } from './pin-store.js';

const caller = { name: 'ana', groups: [], source: 'os' as const };
const at = () => new Date('2026-12-04T10:00:00.000Z');

async function workspace(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'switchyard-pins-'));
}

describe('pinned sample outputs in the workspace', () => {
  it('pins, lists and unpins per workflow, in .switchyard/pins, outside the workflow files', async () => {
    const dir = await workspace();
    const api = pinHandlers(new FsPinStore(dir), at);
    const output = { status: 200, headers: {}, body: { amount: 1200 } };
    await api.pinOutput({ workflowId: 'invoice', node: 'fetch', output, from: { runId: 'r_1', seq: 5 } }, caller);
    await api.pinOutput({ workflowId: 'invoice', node: 'score', output: 7 }, caller);
    await api.pinOutput({ workflowId: 'other', node: 'fetch', output: null }, caller);
    expect(await api.listPins({ workflowId: 'invoice' }, caller)).toEqual({
      pins: {
        fetch: { output, from: { runId: 'r_1', seq: 5 }, pinnedAt: '2026-12-04T10:00:00.000Z' },
        score: { output: 7, pinnedAt: '2026-12-04T10:00:00.000Z' },
      },
    });
    expect(await api.unpinOutput({ workflowId: 'invoice', node: 'score' }, caller)).toEqual({ deleted: true });
    expect(await api.unpinOutput({ workflowId: 'invoice', node: 'score' }, caller)).toEqual({ deleted: false });
    const file = JSON.parse(await readFile(join(dir, '.switchyard', 'pins', 'invoice.pins.json'), 'utf8')) as unknown;
    expect(file).toMatchObject({ format: 'switchyard/pins@1', workflowId: 'invoice', pins: { fetch: { output } } });
    expect(Object.keys((await api.listPins({ workflowId: 'other' }, caller)).pins)).toEqual(['fetch']);
  });

  it('answers no pins for a workflow never pinned, and keeps concurrent pins of one workflow', async () => {
    const api = pinHandlers(new FsPinStore(await workspace()), at);
    expect(await api.listPins({ workflowId: 'fresh' }, caller)).toEqual({ pins: {} });
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((node, i) => api.pinOutput({ workflowId: 'fresh', node, output: i }, caller)),
    );
    expect(Object.keys((await api.listPins({ workflowId: 'fresh' }, caller)).pins).sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('refuses a broken pins file with a message naming it, and a backend without a pin store', async () => {
    const dir = await workspace();
    await mkdir(join(dir, '.switchyard', 'pins'), { recursive: true });
    await writeFile(join(dir, '.switchyard', 'pins', 'bad.pins.json'), '{"format": "nope"}');
    const api = pinHandlers(new FsPinStore(dir), at);
    await expect(api.listPins({ workflowId: 'bad' }, caller)).rejects.toThrow(
      /bad\.pins\.json is not a pins file \(format/,
    );
    await expect(pinHandlers(undefined).listPins({ workflowId: 'x' }, caller)).rejects.toThrow(/keeps no pinned data/);
  });
});
