import { chain, flow } from './cli-harness.js';

/** start -> greet (transform, sets vars.count) -> done */
export const linearFlow = flow('linear', {
  nodes: [
    { id: 'start', kind: 'start' },
    {
      id: 'greet',
      kind: 'transform',
      config: { output: "'hello ' & (input.name ? input.name : 'world')", assign: { count: '1 + 1' } },
    },
    { id: 'done', kind: 'end', config: { output: "{ 'greeting': steps.greet.output, 'count': vars.count }" } },
  ],
  edges: chain('start', 'greet', 'done'),
});

/** start -> vars (set: total, who) -> done; `who` reads vars.who from before the set node. */
export const setVarsFlow = flow('set-vars', {
  nodes: [
    { id: 'start', kind: 'start' },
    {
      id: 'vars',
      kind: 'set',
      config: { vars: { total: 'input.amount * 2', who: "$exists(vars.who) ? 'again' : 'first'" } },
    },
    { id: 'done', kind: 'end', config: { output: "{ 'total': vars.total, 'who': vars.who }" } },
  ],
  edges: chain('start', 'vars', 'done'),
});

/** Needs `amount` (a number) in its input. */
export const typedInputFlow = flow('typed-input', {
  input: { type: 'object', required: ['amount'], properties: { amount: { type: 'number' } } },
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'done', kind: 'end', config: { output: 'input.amount * 2' } },
  ],
  edges: chain('start', 'done'),
});

export const failingFlow = flow('failing', {
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'nope', kind: 'fail', config: { message: 'order {{ input.id }} rejected' } },
  ],
  edges: chain('start', 'nope'),
});

/** start -> boss (approval by ana or bob) -> done (output: the decision) */
export const approvalFlow = flow('approval', {
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'boss', kind: 'approval', config: { title: 'Approve {{ input.amount }}?', approvers: ['ana', 'bob'] } },
    {
      id: 'done',
      kind: 'end',
      config: { output: "{ 'decision': steps.boss.output.decision, 'by': steps.boss.output.by }" },
    },
  ],
  edges: [
    { from: 'start', to: 'boss' },
    { from: 'boss', port: 'approved', to: 'done' },
    { from: 'boss', port: 'rejected', to: 'done' },
  ],
});

/** An approval anyone may decide. */
export const openApprovalFlow = flow('open-approval', {
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'boss', kind: 'approval', config: { title: 'Go?' } },
    { id: 'done', kind: 'end', config: { output: 'steps.boss.output' } },
  ],
  edges: [
    { from: 'start', to: 'boss' },
    { from: 'boss', port: 'approved', to: 'done' },
    { from: 'boss', port: 'rejected', to: 'done' },
  ],
});

/** start -> payment (wait for paid | voided) -> paid / voided ends */
export const signalFlow = flow('signal', {
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'payment', kind: 'wait', config: { events: ['paid', 'voided'] } },
    { id: 'paid', kind: 'end', config: { output: "{ 'paid': steps.payment.output }" } },
    { id: 'voided', kind: 'end', config: { output: "'voided'" } },
  ],
  edges: [
    { from: 'start', to: 'payment' },
    { from: 'payment', port: 'paid', to: 'paid' },
    { from: 'payment', port: 'voided', to: 'voided' },
  ],
});

/** start -> pause (1500 ms) -> done */
export const delayFlow = flow('delay', {
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'pause', kind: 'delay', config: { ms: 1500 } },
    { id: 'done', kind: 'end', config: { output: "'woke up'" } },
  ],
  edges: chain('start', 'pause', 'done'),
});

export const loopingScriptFlow = flow('looping-script', {
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'spin', kind: 'script', timeoutMs: 500, config: { code: 'while (true) {}\nreturn 1;' } },
    { id: 'done', kind: 'end' },
  ],
  edges: chain('start', 'spin', 'done'),
});
