import { foldEvents } from '#engine';
import { describe, expect, it } from 'vitest';
import { loopGraph, loopHistory } from './history-fixtures.js';
import { createTimeline, foldAtSeq, lastSeq, latestEventOf, mergeEvents, SNAPSHOT_EVERY } from './timeline.js';

describe('the time-travel timeline', () => {
  const events = loopHistory(600);
  const timeline = createTimeline('r1', events, loopGraph);

  it('keeps a snapshot every SNAPSHOT_EVERY events and the fold after the last', () => {
    expect(lastSeq(timeline)).toBe(events.length);
    expect(timeline.snapshots).toHaveLength(Math.floor(events.length / SNAPSHOT_EVERY) + 1);
    expect(timeline.snapshots[1]?.seq).toBe(SNAPSHOT_EVERY);
    expect(timeline.head).toEqual(foldEvents('r1', events, loopGraph));
  });

  it('rebuilds any seq exactly as a fold of the whole prefix does', () => {
    for (const seq of [0, 1, 5, 499, 500, 501, 1234, events.length - 1, events.length]) {
      expect(foldAtSeq(timeline, seq)).toEqual(foldEvents('r1', events.slice(0, seq), loopGraph));
    }
  });

  it('hands out copies: changing a rebuilt fold leaves the timeline as it was', () => {
    const fold = foldAtSeq(timeline, 700);
    fold.vars['i'] = 'changed';
    expect(foldAtSeq(timeline, 700).vars['i']).not.toBe('changed');
  });

  it('appends live events once, skips those it has, and reports a gap', () => {
    const start = createTimeline('r1', events.slice(0, 10), loopGraph);
    const merged = mergeEvents(start, events.slice(5, 12));
    expect(lastSeq(merged.timeline)).toBe(12);
    expect(merged.gapFrom).toBeUndefined();
    const gap = mergeEvents(merged.timeline, [events[13]!, events[12]!, events[15]!]);
    expect(lastSeq(gap.timeline)).toBe(14);
    expect(gap.gapFrom).toBe(15);
    expect(gap.timeline.head).toEqual(foldEvents('r1', events.slice(0, 14), loopGraph));
  });

  it('answers a seq in a 10,000-event history quickly', () => {
    const long = createTimeline('r2', loopHistory(2500), loopGraph);
    expect(lastSeq(long)).toBeGreaterThan(10_000);
    const started = performance.now();
    for (let seq = 1; seq <= 10_000; seq += 97) foldAtSeq(long, seq);
    expect((performance.now() - started) / 104).toBeLessThan(20);
  });

  it("finds a node's latest event, wherever the timeline stands", () => {
    const last = [...events].reverse().find((e) => e.node !== undefined);
    expect(last?.node).toBeDefined();
    expect(latestEventOf(timeline, last?.node ?? '')).toBe(last?.seq);
    expect(latestEventOf(timeline, 'no-such-node')).toBeUndefined();
  });
});
