import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

const pricing = {
  format: 'switchyard/workflow@1',
  id: 'pricing',
  name: 'Pricing',
  version: 1,
  input: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] },
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'rate', kind: 'transform', config: { assign: { discount: '0.1' } } },
    { id: 'price', kind: 'transform', config: { output: 'input.amount * (1 - vars.discount)' } },
    { id: 'done', kind: 'end', config: { output: "{ 'total': steps.price.output }" } },
  ],
  edges: [
    { from: 'start', to: 'rate' },
    { from: 'rate', to: 'price' },
    { from: 'price', to: 'done' },
  ],
};

test.describe('forking a run', () => {
  test('forks from an event with changed vars; the fork runs to a new result and the list shows its lineage', async ({
    page,
    serve,
  }) => {
    await serve.api('saveWorkflow', { file: 'pricing.flow.json', workflow: pricing });
    const parent = await serve.api<Outcome>('startRun', { file: 'pricing.flow.json', input: { amount: 200 } });
    expect(parent.output).toEqual({ total: 180 });
    const app = new RunsApp(page, serve);
    const rated = await app.seqOf(parent.runId, 'node.completed', 'rate');

    await app.gotoRun(parent.runId);
    await app.scrubTo(rated);
    await expect(app.contextRow('vars.discount')).toHaveAttribute('data-change', 'added');
    await page.getByTestId('btn-fork').click();
    const dialog = page.getByTestId('fork-dialog');
    await expect(dialog.getByRole('heading')).toHaveText(`Fork from #${rated}`);
    const vars = dialog.getByLabel('vars');
    await expect(vars).toHaveValue(/"discount": 0.1/);

    // A bad edit is caught in the dialog, before anything starts.
    await vars.fill('{ "discount": ');
    await dialog.getByTestId('fork-start').click();
    await expect(dialog.getByRole('alert')).toContainText('Not valid JSON');
    await vars.fill('{\n  "discount": 0.5\n}');
    await app.shot('fork-dialog');
    await dialog.getByTestId('fork-start').click();

    // The fork opens live and finishes with the new result.
    await expect(page.getByTestId('run-id')).not.toHaveText(parent.runId);
    const forkId = (await page.getByTestId('run-id').textContent()) ?? '';
    await app.waitForRun(forkId);
    await app.expectRunStatus('completed');
    await expect(page.getByTestId('run-parent')).toHaveText(`↳ forked from ${parent.runId}@${rated}`);
    await expect(page.getByTestId('run-output')).toContainText('total');
    await expect(page.getByTestId('run-output')).toContainText('100');
    await app.expectStatuses({ price: 'completed', done: 'completed' });
    // The parent's steps before the fork point are part of the fork's state; nothing before it ran again.
    const forkHistory = await app.history(forkId);
    expect(forkHistory.filter((e) => e.type === 'node.entered').map((e) => e.node)).toEqual(['price', 'done']);

    // The runs list shows the fork under its parent.
    await page.getByTestId('nav-runs').click();
    await page.getByTestId('filter-workflow').selectOption('pricing');
    const forkRow = page.getByTestId(`run-row-${forkId}`);
    await expect(forkRow).toContainText(`↳ ${parent.runId}@${rated}`);
    const rows = app.runsTable.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveAttribute('data-testid', `run-row-${parent.runId}`);
    await expect(rows.nth(1)).toHaveAttribute('data-testid', `run-row-${forkId}`);
    await expect(page.getByTestId('runs-chart')).toContainText('2 completed');
    // More runs of the workflow, so the chart has something to show.
    for (const amount of [10, 20, 30]) await serve.api('startRun', { file: 'pricing.flow.json', input: { amount } });
    await serve.api('startRun', { file: 'pricing.flow.json', input: { amount: 'x' } }).catch(() => undefined);
    await expect(page.getByTestId('runs-chart')).toContainText('5 completed');
    await app.shot('runs-list');
  });
});
