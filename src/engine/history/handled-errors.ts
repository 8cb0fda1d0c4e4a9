import type { ErrorInfo, HandledErrors, HistoryEvent } from '#shared';
import { errorOf } from './run-fold.js';

/**
 * The failures a run handled: a `node.failed` after the last attempt (`willRetry` false) that
 * the run went on from, along the node's `error` port (the next entry it leads to has
 * `from` = that node). Undefined when there are none. A failure whose run then failed is
 * not handled; one still waiting for its next entry (a live run, mid-batch) is not yet.
 *
 * @example
 * handledErrors(events) // { count: 1, nodes: ['fetch'], first: { node: 'fetch', seq: 4, error: {…} } }
 */
export function handledErrors(events: Iterable<HistoryEvent>): HandledErrors | undefined {
  const open = new Map<string, { seq: number; error: ErrorInfo }>();
  const nodes: string[] = [];
  let count = 0;
  let first: HandledErrors['first'] | undefined;
  for (const event of events) {
    const node = event.node;
    if (node === undefined) continue;
    if (event.type === 'node.failed' && event.data?.['willRetry'] !== true) {
      open.set(node, { seq: event.seq, error: errorOf(event.data?.['error']) });
    } else if (event.type === 'node.entered') {
      const from = event.data?.['from'];
      const failure = typeof from === 'string' ? open.get(from) : undefined;
      if (typeof from !== 'string' || failure === undefined) continue;
      open.delete(from);
      count += 1;
      if (!nodes.includes(from)) nodes.push(from);
      first ??= { node: from, seq: failure.seq, error: failure.error };
    }
  }
  return first === undefined ? undefined : { count, nodes, first };
}
