import { describe, expect, it } from 'vitest';
import { loopGraph, loopHistory, numbered } from './history-fixtures.js';
import { edgeKey, emptyNodeIndex, indexEvents } from './node-index.js';
import { nodeStatuses, takenEdges } from './node-status.js';
import { createTimeline, foldAtSeq } from './timeline.js';

const NODES = ['start', 'init', 'more', 'tick', 'done'];

function statusesAt(events: ReturnType<typeof numbered>, seq: number, nodes = NODES, diverged?: string) {
  const index = indexEvents(emptyNodeIndex(), events);
  const fold = foldAtSeq(createTimeline('r', events, loopGraph), seq);
  const at = Date.parse(events[seq - 1]?.at ?? '');
  return nodeStatuses(nodes, fold, index, seq, at, diverged);
}

describe('node statuses on the run canvas', () => {
  const events = loopHistory(3);

  it('shows the active node, completed ones with durations and loop counts, and idle ones', () => {
    // seq 12: `tick` entered for the 2nd time.
    expect(events[11]).toMatchObject({ type: 'node.entered', node: 'tick' });
    const s = statusesAt(events, 12);
    expect(s.get('tick')).toMatchObject({ status: 'active', runs: 2, attempt: 1, durationMs: 0 });
    expect(s.get('more')).toMatchObject({ status: 'completed', runs: 2, durationMs: 1000 });
    expect(s.get('init')).toMatchObject({ status: 'completed', runs: 1 });
    expect(s.get('done')).toMatchObject({ status: 'idle', runs: 0, durationMs: undefined });
  });

  it('marks waiting, retrying and failed nodes, and cut-off ones as cancelled', () => {
    const history = numbered([
      { type: 'run.started', data: { input: {}, workflowId: 'w', version: 1 } },
      { type: 'node.entered', node: 'split', data: { kind: 'parallel' } },
      { type: 'node.completed', node: 'split', data: { output: null, branches: ['call', 'boss'] } },
      { type: 'node.entered', node: 'call', data: { kind: 'http', from: 'split' } },
      { type: 'node.entered', node: 'boss', data: { kind: 'approval', from: 'split' } },
      { type: 'approval.requested', node: 'boss', data: { title: 'ok?', approvers: [] } },
      {
        type: 'node.failed',
        node: 'call',
        data: { error: { code: 'HTTP_FAILED', message: 'x' }, attempt: 1, willRetry: true },
      },
      { type: 'node.retrying', node: 'call', data: { attempt: 2, delayMs: 1000 } },
      {
        type: 'node.failed',
        node: 'call',
        data: { error: { code: 'HTTP_FAILED', message: 'x' }, attempt: 2, willRetry: false },
      },
      { type: 'run.failed', data: { error: { code: 'HTTP_FAILED', message: 'x' } } },
    ]);
    const nodes = ['split', 'call', 'boss'];
    const at8 = statusesAt(history, 8, nodes);
    expect(at8.get('call')).toMatchObject({ status: 'retrying', attempt: 2, runs: 1 });
    expect(at8.get('boss')).toMatchObject({ status: 'waiting' });
    const at10 = statusesAt(history, 10, nodes, 'boss');
    expect(at10.get('call')).toMatchObject({ status: 'failed', attempt: 2, durationMs: 5000 });
    expect(at10.get('boss')).toMatchObject({ status: 'cancelled', diverged: true });
    expect(at10.get('split')?.status).toBe('completed');
  });

  it('changes a node key only when what it shows changes', () => {
    const a = statusesAt(events, 14).get('init');
    const b = statusesAt(events, 15).get('init');
    expect(a?.key).toBe(b?.key);
    expect(statusesAt(events, 12).get('tick')?.key).not.toBe(statusesAt(events, 13).get('tick')?.key);
  });

  it('knows which edges were taken by each seq, with the port they left by', () => {
    const index = indexEvents(emptyNodeIndex(), events);
    expect([...takenEdges(index, 8)].sort()).toEqual(
      [edgeKey('start', 'out', 'init'), edgeKey('init', 'out', 'more'), edgeKey('more', 'true', 'tick')].sort(),
    );
    expect(takenEdges(index, events.length)).toContain(edgeKey('more', 'false', 'done'));
    expect(takenEdges(index, events.length)).toContain(edgeKey('tick', 'out', 'more'));
  });

  it('indexes a history in pieces exactly as in one go', () => {
    const whole = indexEvents(emptyNodeIndex(), events);
    const pieces = indexEvents(indexEvents(emptyNodeIndex(), events.slice(0, 9)), events.slice(6));
    expect(pieces).toEqual(whole);
  });
});
