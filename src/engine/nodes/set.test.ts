import { describe, expect, it } from 'vitest';
import { edges, flow, testEngine } from '../testing/engine.test-support.js';

const start = { id: 'start', kind: 'start' };

describe('set node', () => {
  it('sets every var from the scope before the node and outputs the map', async () => {
    const { engine, store } = testEngine();
    const doc = flow(
      [
        start,
        { id: 'init', kind: 'transform', config: { assign: { n: '1', keep: "'kept'" } } },
        // `m` reads the n from before this node (1), not the 10 that `n` is set to here.
        { id: 'vars', kind: 'set', config: { vars: { n: 'input.n', m: 'vars.n + 1' } } },
        { id: 'done', kind: 'end', config: { output: "{ 'vars': vars, 'out': steps.vars.output }" } },
      ],
      edges('start>init', 'init>vars', 'vars>done'),
    );
    const outcome = await engine.start(doc, { n: 10 });
    expect(outcome).toMatchObject({
      status: 'completed',
      output: { vars: { n: 10, m: 2, keep: 'kept' }, out: { n: 10, m: 2 } },
    });
    const completed = (await store.events(outcome.runId)).find((e) => e.type === 'node.completed' && e.node === 'vars');
    expect(completed?.data).toEqual({ output: { n: 10, m: 2 }, vars: { n: 10, m: 2 } });
  });

  it('fails the attempt naming the var, and follows its error port', async () => {
    const { engine } = testEngine();
    const doc = flow(
      [
        start,
        { id: 'vars', kind: 'set', config: { vars: { bad: '$undefinedFn(1)' } } },
        { id: 'ok', kind: 'end', config: { output: "'ok'" } },
        { id: 'caught', kind: 'end', config: { output: 'steps.vars.error.message' } },
      ],
      [...edges('start>vars', 'vars>ok'), { from: 'vars', port: 'error', to: 'caught' }],
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.status).toBe('completed');
    expect(outcome.output).toMatch(/^config\.vars\.bad: evaluation failed: /);
  });
});
