import { chain, flow } from '../cli/cli-harness.js';

/** Fails its first attempt, then succeeds; retried after ~20 ms. */
function flaky(id: string): Record<string, unknown> {
  return {
    id,
    kind: 'script',
    retry: { maxAttempts: 3, delayMs: 20, backoff: 1 },
    config: {
      code: "if (attempt === 1) throw new Error('flaky on attempt 1');\nreturn { attempt: attempt, n: input.n };",
    },
  };
}

function call(id: string, base: string, path: string): Record<string, unknown> {
  return {
    id,
    kind: 'http',
    config: { method: 'POST', url: `${base}/${path}/{{ input.n }}`, body: `{ 'node': '${id}', 'n': input.n }` },
  };
}

const delay = (id: string, ms: number) => ({ id, kind: 'delay', config: { ms } });

/**
 * The flows of the crash test: parallel branches, a retried script, inline delays and http
 * calls. Every output is deterministic (no times, no response headers), so a crashed and
 * resumed run must end with exactly the output of an uninterrupted one.
 */
export function crashFlows(base: string): Record<string, Record<string, unknown>> {
  return {
    fanout: flow('fanout', {
      nodes: [
        { id: 'start', kind: 'start' },
        { id: 'prep', kind: 'transform', config: { assign: { n: 'input.n * 10' } } },
        { id: 'par', kind: 'parallel' },
        delay('wait1', 30),
        delay('wait2', 60),
        { id: 'slow', kind: 'transform', config: { output: "'slow ' & vars.n" } },
        flaky('flaky'),
        call('call', base, 'fanout'),
        { id: 'join', kind: 'join' },
        {
          id: 'done',
          kind: 'end',
          config: {
            output:
              "{ 'slow': steps.slow.output, 'flaky': steps.flaky.output, 'call': steps.call.output.body, 'n': vars.n }",
          },
        },
      ],
      edges: [
        ...chain('start', 'prep', 'par'),
        ...chain('par', 'wait1', 'wait2', 'slow', 'join'),
        ...chain('par', 'flaky', 'join'),
        ...chain('par', 'call', 'join'),
        ...chain('join', 'done'),
      ],
    }),
    sequence: flow('sequence', {
      nodes: [
        { id: 'start', kind: 'start' },
        delay('first', 40),
        call('call1', base, 'item'),
        flaky('flaky'),
        delay('second', 80),
        call('call2', base, 'confirm'),
        {
          id: 'done',
          kind: 'end',
          config: {
            output:
              "{ 'item': steps.call1.output.body, 'flaky': steps.flaky.output, 'confirm': steps.call2.output.body }",
          },
        },
      ],
      edges: chain('start', 'first', 'call1', 'flaky', 'second', 'call2', 'done'),
    }),
    branches: flow('branches', {
      nodes: [
        { id: 'start', kind: 'start' },
        { id: 'par', kind: 'parallel' },
        delay('d1', 30),
        { id: 't1', kind: 'transform', config: { output: 'input.n + 1' } },
        delay('d2', 70),
        call('call', base, 'branch'),
        { id: 'calc', kind: 'script', config: { code: 'return input.n * 2;' } },
        { id: 'join', kind: 'join' },
        delay('after', 50),
        flaky('flaky'),
        {
          id: 'done',
          kind: 'end',
          config: {
            output:
              "{ 't1': steps.t1.output, 'calc': steps.calc.output, 'call': steps.call.output.body, 'flaky': steps.flaky.output }",
          },
        },
      ],
      edges: [
        ...chain('start', 'par'),
        ...chain('par', 'd1', 't1', 'join'),
        ...chain('par', 'd2', 'call', 'join'),
        ...chain('par', 'calc', 'join'),
        ...chain('join', 'after', 'flaky', 'done'),
      ],
    }),
  };
}

/** The ids of the http nodes of a flow document. */
export function httpNodes(doc: Record<string, unknown>): string[] {
  const nodes = doc['nodes'];
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap((n: { id?: unknown; kind?: unknown }) =>
    n.kind === 'http' && typeof n.id === 'string' ? [n.id] : [],
  );
}
