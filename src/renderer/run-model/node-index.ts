import type { HistoryEvent } from '#shared';

/** One execution of a node: from `node.entered` to its final `node.completed`/`node.failed`. */
export interface Execution {
  readonly enteredSeq: number;
  readonly enteredAt: number;
  endSeq?: number;
  endAt?: number;
}

/**
 * Per-node facts of a history, indexed once so that any seq's durations, execution counts
 * and taken edges are a binary search away instead of a scan of the log.
 */
export interface NodeIndex {
  /** Executions of each node in seq order. */
  readonly executions: ReadonlyMap<string, readonly Execution[]>;
  /** `from:port->to` → the first seq at which that edge was taken. */
  readonly edges: ReadonlyMap<string, number>;
  /** Last port each node left by (while indexing). */
  readonly lastPort: ReadonlyMap<string, string>;
  /** Events indexed so far. */
  readonly seq: number;
}

export function edgeKey(from: string, port: string, to: string): string {
  return `${from}:${port}->${to}`;
}

export function emptyNodeIndex(): NodeIndex {
  return { executions: new Map(), edges: new Map(), lastPort: new Map(), seq: 0 };
}

function portOf(event: HistoryEvent): string {
  if (event.type === 'node.failed') return 'error';
  const port = event.data?.['port'];
  return typeof port === 'string' ? port : 'out';
}

/** Extends an index with the events after it (a new index; the old one is left as it was). */
export function indexEvents(index: NodeIndex, events: readonly HistoryEvent[]): NodeIndex {
  const executions = new Map<string, Execution[]>();
  for (const [node, list] of index.executions)
    executions.set(
      node,
      list.map((e) => ({ ...e })),
    );
  const edges = new Map(index.edges);
  const lastPort = new Map(index.lastPort);
  let seq = index.seq;
  for (const event of events) {
    if (event.seq <= seq) continue;
    seq = event.seq;
    const node = event.node;
    if (node === undefined) continue;
    const at = Date.parse(event.at);
    const list = executions.get(node) ?? [];
    const open = list.at(-1);
    const isOpen = open !== undefined && open.endSeq === undefined;
    if (event.type === 'node.entered') {
      // A join is entered once per arriving branch: one execution until it completes.
      if (!(isOpen && event.data?.['kind'] === 'join')) list.push({ enteredSeq: event.seq, enteredAt: at });
      executions.set(node, list);
      const from = event.data?.['from'];
      if (typeof from === 'string') {
        const key = edgeKey(from, lastPort.get(from) ?? 'out', node);
        if (!edges.has(key)) edges.set(key, event.seq);
      }
    } else if (
      event.type === 'node.completed' ||
      (event.type === 'node.failed' && event.data?.['willRetry'] !== true)
    ) {
      if (isOpen) {
        open.endSeq = event.seq;
        open.endAt = at;
      }
      lastPort.set(node, portOf(event));
    }
  }
  return { executions, edges, lastPort, seq };
}

/** How many executions of `list` began at or before `seq` (binary search). */
export function executionsUpTo(list: readonly Execution[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.enteredSeq ?? Infinity) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
