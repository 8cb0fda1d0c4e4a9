import type { Workflow } from '#shared';

/** The DESIGN §2 example, with positions. */
export function orderApproval(): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id: 'order-approval',
    name: 'Order approval',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      { id: 'check', kind: 'condition', config: { when: 'input.amount > 1000' }, position: { x: 240, y: 0 } },
      { id: 'boss', kind: 'approval', config: { title: 'Approve {{ input.amount }}?' }, position: { x: 520, y: -80 } },
      {
        id: 'done',
        kind: 'end',
        config: { output: "{ 'approved': steps.boss.output.decision = 'approved' }" },
        position: { x: 800, y: -80 },
      },
      { id: 'auto', kind: 'end', config: { output: "{ 'approved': true }" }, position: { x: 520, y: 120 } },
    ],
    edges: [
      { from: 'start', to: 'check' },
      { from: 'check', port: 'true', to: 'boss' },
      { from: 'check', port: 'false', to: 'auto' },
      { from: 'boss', port: 'approved', to: 'done' },
      { from: 'boss', port: 'rejected', to: 'done' },
    ],
  };
}

/** A parallel block with a conditional branch. */
export function parallelFlow(): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id: 'fan',
    name: 'Fan out',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      { id: 'split', kind: 'parallel', position: { x: 200, y: 0 } },
      { id: 'a', kind: 'transform', config: { output: '1' }, position: { x: 400, y: -80 } },
      { id: 'b', kind: 'transform', config: { output: '2' }, position: { x: 400, y: 80 } },
      { id: 'meet', kind: 'join', position: { x: 600, y: 0 } },
      { id: 'done', kind: 'end', position: { x: 800, y: 0 } },
    ],
    edges: [
      { from: 'start', to: 'split' },
      { from: 'split', to: 'a' },
      { from: 'split', to: 'b', when: 'input.b = true' },
      { from: 'a', to: 'meet' },
      { from: 'b', to: 'meet' },
      { from: 'meet', to: 'done' },
    ],
  };
}
