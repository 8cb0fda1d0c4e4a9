import { flow } from './cli-harness.js';

interface FlowDoc {
  nodes: Record<string, unknown>[];
  edges: { from: string; to: string; port?: string }[];
}

/**
 * start -> prep (sets vars.discount = 0) -> check (amount > 100)
 *   true  -> boss (approval) -approved-> price (end: amount - discount)
 *   false -> auto (end: amount - discount)
 */
export const pricedFlow = flow('priced', {
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'prep', kind: 'transform', config: { assign: { discount: '0' } } },
    { id: 'check', kind: 'condition', config: { when: 'input.amount > 100' } },
    { id: 'boss', kind: 'approval', config: { title: 'Approve {{ input.amount }}?' } },
    { id: 'price', kind: 'end', config: { output: 'input.amount - vars.discount' } },
    { id: 'auto', kind: 'end', config: { output: 'input.amount - vars.discount' } },
  ],
  edges: [
    { from: 'start', to: 'prep' },
    { from: 'prep', to: 'check' },
    { from: 'check', port: 'true', to: 'boss' },
    { from: 'check', port: 'false', to: 'auto' },
    { from: 'boss', port: 'approved', to: 'price' },
    { from: 'boss', port: 'rejected', to: 'price' },
  ],
});

/** A changed copy of pricedFlow (another version of the same workflow). */
export function pricedVariant(change: (doc: FlowDoc) => void): Record<string, unknown> {
  const doc = structuredClone(pricedFlow) as unknown as FlowDoc & Record<string, unknown>;
  change(doc);
  return { ...doc, version: 2 };
}

/** boss renamed to manager. */
export const renamedBoss = pricedVariant((d) => {
  for (const n of d.nodes) if (n['id'] === 'boss') n['id'] = 'manager';
  for (const e of d.edges) {
    if (e.to === 'boss') e.to = 'manager';
    if (e.from === 'boss') e.from = 'manager';
  }
});

/** A log node `audit` between check (true) and boss: on the path a large amount takes. */
export const auditOnTakenPath = pricedVariant((d) => {
  d.nodes.push({ id: 'audit', kind: 'log', config: { message: 'audit {{ input.amount }}' } });
  d.edges = d.edges.filter((e) => !(e.from === 'check' && e.port === 'true'));
  d.edges.push({ from: 'check', port: 'true', to: 'audit' }, { from: 'audit', to: 'boss' });
});

/** A log node `note` between check (false) and auto: a large amount never goes there. */
export const noteOnUntakenPath = pricedVariant((d) => {
  d.nodes.push({ id: 'note', kind: 'log', config: { message: 'small order' } });
  d.edges = d.edges.filter((e) => !(e.from === 'check' && e.port === 'false'));
  d.edges.push({ from: 'check', port: 'false', to: 'note' }, { from: 'note', to: 'auto' });
});

/** The threshold raised: 500 now takes port "false". */
export const raisedThreshold = pricedVariant((d) => {
  const check = d.nodes.find((n) => n['id'] === 'check');
  if (check) check['config'] = { when: 'input.amount > 1000' };
});
