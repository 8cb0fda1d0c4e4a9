import { SwitchyardError, type HistoryEvent, type HistoryEventType, type RunRecord, type Workflow } from '#shared';

export const workflow: Workflow = {
  format: 'switchyard/workflow@1',
  id: 'orders',
  name: 'Orders',
  version: 3,
  // `config: {}` only because the inferred node type currently makes optional configs a required key.
  nodes: [
    { id: 'start', kind: 'start', config: {} },
    { id: 'done', kind: 'end', config: {} },
  ],
  edges: [{ from: 'start', to: 'done' }],
};

export function makeRun(id: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    workflowId: 'orders',
    version: 3,
    status: 'running',
    input: { orderId: 42, tags: ['a', 'b'] },
    startedAt: '2024-05-01T10:00:00.000Z',
    ...overrides,
  };
}

export function makeEvent(
  seq: number,
  type: HistoryEventType = 'node.entered',
  extra: Partial<HistoryEvent> = {},
): HistoryEvent {
  return { seq, at: `2024-05-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`, type, ...extra };
}

export function makeEvents(from: number, to: number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (let seq = from; seq <= to; seq++)
    events.push(makeEvent(seq, 'node.completed', { node: `n${seq}`, data: { output: seq } }));
  return events;
}

/** The SwitchyardError `promise` rejects with (anything else is rethrown; resolving fails the test). */
export async function rejected(promise: Promise<unknown>): Promise<SwitchyardError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SwitchyardError) return err;
    throw err;
  }
  throw new Error('expected a SwitchyardError, the promise resolved');
}

/** The SwitchyardError `fn` throws (anything else is rethrown; nothing thrown fails the test). */
export function thrown(fn: () => unknown): SwitchyardError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SwitchyardError) return err;
    throw err;
  }
  throw new Error('expected a SwitchyardError, nothing was thrown');
}
