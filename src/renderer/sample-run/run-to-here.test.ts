import type { Workflow } from '#shared';
import { describe, expect, it } from 'vitest';
import { unpinnedCalls } from '../stores/sample-run-store.js';
import { runToHere } from './run-to-here.js';

const doc: Workflow = {
  format: 'switchyard/workflow@1',
  id: 'invoice',
  name: 'Invoice',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'fetch', kind: 'http', config: { method: 'GET', url: 'http://invoices.test/1' } },
    { id: 'check', kind: 'condition', config: { when: 'steps.fetch.output.body.amount > 1000' } },
    { id: 'boss', kind: 'approval', config: { title: 'Approve?' } },
    { id: 'notify', kind: 'http', config: { method: 'POST', url: 'http://mail.test/' } },
    { id: 'auto', kind: 'end' },
  ],
  edges: [
    { from: 'start', to: 'fetch' },
    { from: 'fetch', to: 'check' },
    { from: 'check', port: 'true', to: 'boss' },
    { from: 'check', port: 'false', to: 'notify' },
    { from: 'notify', to: 'auto' },
    { from: 'boss', port: 'approved', to: 'auto' },
    { from: 'boss', port: 'rejected', to: 'auto' },
  ],
};
const invoice = (amount: number) => ({ status: 200, headers: {}, body: { amount } });
const noScripts = () => Promise.reject(new Error('no scripts here'));

describe('run to here in the page', () => {
  it('stops once the target completed, with the history up to there', async () => {
    const run = await runToHere({
      workflow: doc,
      input: {},
      target: 'check',
      pins: new Map([['fetch', invoice(5)]]),
      scripts: noScripts,
    });
    expect(run.stop).toEqual({ kind: 'reached' });
    const last = run.events[run.events.length - 1];
    expect(last).toMatchObject({ type: 'node.completed', node: 'check', data: { port: 'false' } });
  });

  it('stops before an http node without a pin and says which', async () => {
    const pins = new Map([['fetch', invoice(5)]]);
    const run = await runToHere({ workflow: doc, input: {}, target: 'auto', pins, scripts: noScripts });
    expect(run.stop).toEqual({ kind: 'unpinned', node: 'notify' });
    expect(run.events.some((e) => e.type === 'node.completed' && e.node === 'notify')).toBe(false);
  });

  it('stops at an approval, waiting', async () => {
    const run = await runToHere({
      workflow: doc,
      input: {},
      target: 'auto',
      pins: new Map([['fetch', invoice(5000)]]),
      scripts: noScripts,
    });
    expect(run.stop).toMatchObject({ kind: 'waiting', outcome: { waitingOn: [{ node: 'boss', kind: 'approval' }] } });
  });

  it('lists the unpinned http nodes that can run before the target, not those after it', () => {
    expect(unpinnedCalls(doc, 'check', new Set())).toEqual([{ node: 'fetch', what: 'GET http://invoices.test/1' }]);
    expect(unpinnedCalls(doc, 'check', new Set(['fetch']))).toEqual([]);
    expect(unpinnedCalls(doc, 'auto', new Set(['fetch'])).map((c) => c.node)).toEqual(['notify']);
  });
});
