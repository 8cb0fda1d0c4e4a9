import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

test.describe('time travel through a finished run', () => {
  test('scrubs to events and shows the canvas state and the context after each, parallel branches included', async ({
    page,
    serve,
  }) => {
    const { runId } = await serve.api<Outcome>('startRun', {
      file: 'parallel-enrich.flow.json',
      input: { name: 'Ana', company: true },
    });
    const app = new RunsApp(page, serve);
    const branchesOpen = await app.seqOf(runId, 'node.entered', 'credit');
    const geoDone = await app.seqOf(runId, 'node.completed', 'geo');
    const joined = await app.seqOf(runId, 'node.entered', 'meet');
    const finished = await app.seqOf(runId, 'run.completed');

    // The finished run opens from the runs list.
    await app.gotoRuns();
    await page.getByTestId(`run-row-${runId}`).click();
    await app.waitForRun(runId);
    await app.expectRunStatus('completed');
    await expect(app.position).toHaveAttribute('data-seq', String(finished));

    // 1. All three branches of the parallel block are running; nothing after them has started.
    await app.scrubTo(branchesOpen);
    await app.expectStatuses({
      start: 'completed',
      split: 'completed',
      geo: 'active',
      social: 'active',
      credit: 'active',
    });
    await app.expectStatuses({ meet: 'idle', done: 'idle' });
    await expect(page.getByTestId('state-status')).toHaveAttribute('data-status', 'running');
    await expect(page.getByTestId('state-active')).toContainText('geo');
    await expect(app.contextRow('steps.geo')).toHaveCount(0);

    // 2. One branch is done: its step appears in the context, highlighted as the change.
    await app.scrubTo(geoDone);
    await app.expectStatuses({ geo: 'completed', social: 'active', credit: 'active' });
    await expect(app.contextRow('steps.geo')).toHaveAttribute('data-change', 'added');
    await expect(app.contextRow('steps.geo')).toContainText('geo');
    await expect(page.getByTestId('context-changes')).toContainText('1 change');
    await expect(app.event(geoDone)).toHaveAttribute('aria-selected', 'true');
    await app.shot('context-change');

    // The keyboard steps one event at a time.
    await app.runView.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect(app.position).toHaveAttribute('data-seq', String(geoDone + 1));
    await page.keyboard.press('ArrowLeft');
    await expect(app.position).toHaveAttribute('data-seq', String(geoDone));

    // 3. The join waits for the branches still going.
    await app.scrubTo(joined);
    await app.expectStatuses({ meet: 'waiting', done: 'idle' });
    await app.shot('timeline-scrubbed');
    await page.getByTestId('btn-theme').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.shot('run-view-dark');
    await page.getByTestId('btn-theme').click();

    // The end: every node done, the output merged from the three branches.
    await app.scrubTo(finished);
    await app.expectStatuses({ geo: 'completed', social: 'completed', credit: 'completed', meet: 'completed' });
    await app.expectStatuses({ done: 'completed' });
    await expect(page.getByTestId('run-output')).toContainText('"@ana"');
    await expect(page.getByTestId('run-output')).toContainText('710');

    // Playback from the start runs to the end by itself.
    await page.getByLabel('Playback speed').selectOption('100');
    await app.scrubTo(1);
    await app.expectStatuses({ start: 'idle', done: 'idle' });
    await page.getByTestId('timeline-play').click();
    await expect(app.position).toHaveAttribute('data-seq', String(finished));
    await expect(page.getByTestId('timeline-play')).toHaveAccessibleName('Play');
    await app.expectStatuses({ done: 'completed' });
  });
});
