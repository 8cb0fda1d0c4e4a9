import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

/** A loop of `n` turns: 4 events a turn, 10 more around it. */
const counter = {
  format: 'switchyard/workflow@1',
  id: 'counter',
  name: 'Counter',
  version: 1,
  input: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'init', kind: 'transform', config: { assign: { i: '0' } } },
    { id: 'more', kind: 'condition', config: { when: 'vars.i < input.n' } },
    { id: 'tick', kind: 'transform', config: { assign: { i: 'vars.i + 1' } } },
    { id: 'done', kind: 'end', config: { output: 'vars.i' } },
  ],
  edges: [
    { from: 'start', to: 'init' },
    { from: 'init', to: 'more' },
    { from: 'more', port: 'true', to: 'tick' },
    { from: 'tick', to: 'more' },
    { from: 'more', port: 'false', to: 'done' },
  ],
};

/**
 * Runs in the page (a string: the test's own TypeScript has no DOM types). Sets the slider
 * the way a drag does (value + input event) to 60 positions spread over the run, and times
 * each until the timeline shows it and a frame is drawn. Answers the times, sorted.
 */
const SCRUB_ACROSS = `(async () => {
  const slider = document.querySelector('[data-testid=timeline-slider]');
  const position = document.querySelector('[data-testid=timeline-position]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const last = Number(slider.max);
  const times = [];
  for (let i = 0; i < 60; i++) {
    const seq = 1 + Math.round(((i * 7919) % 60) * ((last - 1) / 59));
    const started = performance.now();
    setValue.call(slider, String(seq));
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    while (position.getAttribute('data-seq') !== String(seq)) await frame();
    await frame();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
})()`;

test.describe('time travel at scale', () => {
  test('scrubbing a 10,000-event run answers quickly', async ({ page, serve }) => {
    test.setTimeout(120_000);
    const run = await serve.api<Outcome>('startRun', { workflow: counter, input: { n: 2500 } });
    expect(run).toMatchObject({ status: 'completed', output: 2500 });
    const app = new RunsApp(page, serve);
    await app.gotoRun(run.runId);
    await expect(app.position).toHaveAttribute('data-seq', '10010');

    // Drag the slider across the whole run: 60 positions, each waited for until shown.
    const timings = await page.evaluate<number[]>(SCRUB_ACROSS);
    const median = timings[Math.floor(timings.length / 2)] ?? Infinity;
    const p90 = timings[Math.floor(timings.length * 0.9)] ?? Infinity;
    const summary = `median ${median.toFixed(1)} ms, 90th percentile ${p90.toFixed(1)} ms`;
    test.info().annotations.push({ type: 'scrub over 10,010 events', description: summary });
    // A frame is ~16 ms. On an idle machine the median is one frame; the bounds leave room for
    // a loaded CI box, not for a step that goes back to the server or lays the page out anew.
    expect(median, summary).toBeLessThan(60);
    expect(p90, summary).toBeLessThan(150);

    // And the state shown is the folded one. Turn k (from 0) is events 6+4k..9+4k, the tick at
    // 9+4k setting i = k+1: event 8003 is turn 1999's condition, after i became 1999.
    await app.scrubTo(8003);
    await expect(app.contextRow('vars.i')).toHaveText(/i\s*:\s*1999$/);
    await app.expectStatuses({ more: 'completed', tick: 'completed', done: 'idle' });
    await expect(app.node('more').getByTestId('run-badge')).toContainText('×2000');
  });
});
