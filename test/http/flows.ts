/** Workflow documents for the HTTP tests. */
export function flow(
  id: string,
  nodes: unknown[],
  edges: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { format: 'switchyard/workflow@1', id, name: id, version: 1, ...extra, nodes, edges };
}

export const linearFlow = flow(
  'linear',
  [
    { id: 'start', kind: 'start' },
    { id: 'double', kind: 'transform', config: { output: 'input.n * 2', assign: { n: 'input.n' } } },
    { id: 'done', kind: 'end', config: { output: "{ 'result': steps.double.output, 'n': vars.n }" } },
  ],
  [
    { from: 'start', to: 'double' },
    { from: 'double', to: 'done' },
  ],
  { input: { type: 'object', required: ['n'], properties: { n: { type: 'number' } } } },
);

export const approvalFlow = flow(
  'approval',
  [
    { id: 'start', kind: 'start' },
    { id: 'prep', kind: 'transform', config: { assign: { limit: '100' } } },
    { id: 'boss', kind: 'approval', config: { title: 'Approve {{ input.amount }}?', approvers: ['ana', 'bob'] } },
    { id: 'done', kind: 'end', config: { output: "{ 'decision': steps.boss.output.decision, 'limit': vars.limit }" } },
  ],
  [
    { from: 'start', to: 'prep' },
    { from: 'prep', to: 'boss' },
    { from: 'boss', port: 'approved', to: 'done' },
    { from: 'boss', port: 'rejected', to: 'done' },
  ],
);

export const signalFlow = flow(
  'signal',
  [
    { id: 'start', kind: 'start' },
    { id: 'payment', kind: 'wait', config: { events: ['paid'] } },
    { id: 'done', kind: 'end', config: { output: 'steps.payment.output' } },
  ],
  [
    { from: 'start', to: 'payment' },
    { from: 'payment', port: 'paid', to: 'done' },
  ],
);

export const delayFlow = (ms: number): Record<string, unknown> =>
  flow(
    'delay',
    [
      { id: 'start', kind: 'start' },
      { id: 'nap', kind: 'delay', config: { ms } },
      { id: 'done', kind: 'end', config: { output: "'woke up'" } },
    ],
    [
      { from: 'start', to: 'nap' },
      { from: 'nap', to: 'done' },
    ],
  );

/** An approval that times out after `ms` and then ends with 'timed out'. */
export const approvalTimeoutFlow = (ms: number): Record<string, unknown> =>
  flow(
    'approval-timeout',
    [
      { id: 'start', kind: 'start' },
      { id: 'boss', kind: 'approval', timeoutMs: ms, config: { title: 'Quick!' } },
      { id: 'yes', kind: 'end', config: { output: "'decided'" } },
      { id: 'late', kind: 'end', config: { output: "'timed out'" } },
    ],
    [
      { from: 'start', to: 'boss' },
      { from: 'boss', port: 'approved', to: 'yes' },
      { from: 'boss', port: 'rejected', to: 'yes' },
      { from: 'boss', port: 'timeout', to: 'late' },
    ],
  );

/** Calls workflow `child` (from another workspace file) and returns its output plus one. */
export const parentFlow = flow(
  'parent',
  [
    { id: 'start', kind: 'start' },
    { id: 'call', kind: 'subflow', config: { workflow: 'child', input: "{ 'x': 20 }" } },
    { id: 'done', kind: 'end', config: { output: 'steps.call.output + 1' } },
  ],
  [
    { from: 'start', to: 'call' },
    { from: 'call', to: 'done' },
  ],
);

export const childFlow = flow(
  'child',
  [
    { id: 'start', kind: 'start' },
    { id: 'done', kind: 'end', config: { output: 'input.x * 2' } },
  ],
  [{ from: 'start', to: 'done' }],
);
