import type { Workflow } from '#shared';
import { DesignerPage } from './pages/designer-page.js';
import { seedWorkflow } from './pages/workflows.js';
import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

/** start → charge (a transform that fails unless input.ok) → paid, or along `error` → declined. */
const chargeDoc: Workflow = {
  format: 'switchyard/workflow@1',
  id: 'charge-card',
  name: 'Charge a card',
  version: 3,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 60 } },
    {
      id: 'charge',
      kind: 'transform',
      position: { x: 260, y: 60 },
      config: { output: "input.ok ? { 'paid': input.amount } : $error('card declined')" },
    },
    { id: 'paid', kind: 'end', position: { x: 560, y: 0 }, config: { output: 'steps.charge.output' } },
    { id: 'declined', kind: 'end', position: { x: 560, y: 160 }, config: { output: "{ 'declined': true }" } },
  ],
  edges: [
    { from: 'start', to: 'charge' },
    { from: 'charge', to: 'paid' },
    { from: 'charge', port: 'error', to: 'declined' },
  ],
};

/** The same without the error port: a failure fails the run. */
const strictDoc: Workflow = {
  ...chargeDoc,
  id: 'charge-strict',
  name: 'Charge, no fallback',
  version: 1,
  nodes: chargeDoc.nodes.filter((n) => n.id !== 'declined'),
  edges: chargeDoc.edges.filter((e) => e.port !== 'error'),
};

function napDoc(id: string): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id,
    name: `Nap ${id}`,
    version: 1,
    input: { type: 'object', properties: { ms: { type: 'integer' } } },
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      { id: 'nap', kind: 'delay', position: { x: 260, y: 0 }, config: { ms: 'input.ms' } },
      { id: 'done', kind: 'end', position: { x: 520, y: 0 } },
    ],
    edges: [
      { from: 'start', to: 'nap' },
      { from: 'nap', to: 'done' },
    ],
  };
}

test.describe('run outcome at a glance', () => {
  test('Run is off, with the reason, while the design has errors', async ({ page, serve }) => {
    const typo = structuredClone(chargeDoc);
    const paidNode = typo.nodes.find((n) => n.id === 'paid');
    if (paidNode?.kind === 'end') paidNode.config = { output: 'steps.chrage.output' };
    const file = await seedWorkflow(serve, 'charge-card.flow.json', typo);
    const designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    const run = page.getByTestId('btn-run');
    await expect(run).toBeDisabled();
    await expect(page.getByTestId('run-blocked')).toHaveText(
      /^Fix its error before running \(see Problems\): node paid: config\.output: steps\.chrage: .*did you mean charge\?/,
    );
    await expect(run).toHaveAccessibleDescription(/Fix its error before running/);
    await expect(page.locator('.toolbar-run-wrap')).toHaveAttribute(
      'title',
      /node paid: config\.output: steps\.chrage/,
    );
    await expect(page.getByTestId('problems-run-off')).toHaveText('Run is off until the errors are fixed');
    await designer.screenshot('run-blocked');

    // Clicking the switched-off button opens Problems, where the error is.
    await page.locator('.problems-toggle').click();
    await expect(page.locator('.problems-toggle')).toHaveAttribute('aria-expanded', 'false');
    await expect(designer.problemRows()).toHaveCount(0);
    await page.locator('.toolbar-run-wrap').click();
    await expect(designer.problemRows().filter({ hasText: 'node paid' })).toBeVisible();

    await designer.selectNode('paid');
    await designer.setCodeField('Output', 'steps.charge.output');
    await expect(designer.errorCount()).toHaveText('0');
    await expect(run).toBeEnabled();
    await expect(page.getByTestId('run-blocked')).toHaveCount(0);
    await expect(page.getByTestId('problems-run-off')).toHaveCount(0);
  });

  test('a run that went on from a failure is "completed with handled errors", its failed node red', async ({
    page,
    serve,
  }) => {
    await seedWorkflow(serve, 'charge-card.flow.json', chargeDoc);
    const handled = await serve.api<Outcome>('startRun', { workflow: chargeDoc, input: { ok: false } });
    const paid = await serve.api<Outcome>('startRun', { workflow: chargeDoc, input: { ok: true, amount: 1200 } });
    const failed = await serve.api<Outcome>('startRun', { workflow: strictDoc, input: { ok: false } });
    // The store and the API keep the normative status.
    expect(handled.status).toBe('completed');
    expect(failed.status).toBe('failed');

    const app = new RunsApp(page, serve);
    await app.gotoRuns();
    const row = (id: string) => page.getByTestId(`run-row-${id}`);
    const handledPill = row(handled.runId).locator('.status-pill');
    await expect(handledPill).toHaveText('completed with handled errors');
    await expect(handledPill).toHaveAttribute('data-status', 'completed');
    await expect(handledPill).toHaveAttribute('data-outcome', 'handled-errors');
    await expect(handledPill).toHaveAttribute('title', /1 handled error \(charge\); first: charge: .*card declined/);
    await expect(row(paid.runId).locator('.status-pill')).toHaveText('completed');
    await expect(row(paid.runId).locator('.status-pill')).not.toHaveAttribute('data-outcome', /.+/);

    // Workflow name (from the workspace), id and version; the outcome: output or error.
    await expect(row(handled.runId).getByTestId('run-workflow-cell')).toHaveText('Charge a cardcharge-cardv3');
    await expect(row(failed.runId).getByTestId('run-workflow-cell')).toHaveText('charge-strictv1');
    await expect(row(handled.runId).getByTestId('run-outcome')).toHaveText('{"declined":true}');
    await expect(row(paid.runId).getByTestId('run-outcome')).toHaveText('{"paid":1200}');
    await expect(row(failed.runId).getByTestId('run-outcome')).toContainText('card declined');
    await expect(row(failed.runId).getByTestId('run-outcome')).toHaveClass(/outcome-error/);
    // The chart above draws it amber too.
    await expect(page.getByTestId('runs-chart').locator('.chart-point.is-handled')).toHaveCount(1);
    await app.shot('runs-outcome');

    await row(handled.runId).click();
    await app.waitForRun(handled.runId);
    const status = page.getByTestId('run-status');
    await expect(status).toHaveText('completed with handled errors');
    await expect(status).toHaveAttribute('data-outcome', 'handled-errors');
    // The state after the last event says so too.
    await expect(page.getByTestId('state-status')).toHaveText('completed with handled errors');
    await app.expectStatuses({ start: 'completed', charge: 'failed', declined: 'completed', paid: 'idle' });
    await expect(app.node('charge')).toHaveClass(/\brun-failed\b/);
    await expect(app.node('charge')).toHaveCSS('border-top-color', 'rgb(220, 38, 38)');
    await app.shot('run-handled-errors');
    await page.getByTestId('btn-theme').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.shot('run-handled-errors-dark');
    await app.gotoRuns();
    await app.shot('runs-outcome-dark');
  });

  test('the runs list sorts by duration on the server, longest or shortest first', async ({ page, serve }) => {
    const slow = await serve.api<Outcome>('startRun', { workflow: napDoc('slow'), input: { ms: 600 } });
    const quick = await serve.api<Outcome>('startRun', { workflow: napDoc('quick'), input: { ms: 1 } });
    const middle = await serve.api<Outcome>('startRun', { workflow: napDoc('middle'), input: { ms: 200 } });
    const app = new RunsApp(page, serve);
    await app.gotoRuns();
    const rows = page.locator('.runs-row');
    const ids = async () => Promise.all((await rows.all()).map(async (row) => row.getAttribute('data-testid')));
    const ordered = (...runs: Outcome[]) => runs.map((r) => `run-row-${r.runId}`);
    await expect.poll(ids).toEqual(ordered(middle, quick, slow));

    const sortByDuration = page.getByTestId('sort-duration');
    await sortByDuration.click();
    await expect.poll(ids).toEqual(ordered(slow, middle, quick));
    await expect(page.locator('th.col-duration')).toHaveAttribute('aria-sort', 'descending');
    await expect(page.locator('th.col-started')).toHaveAttribute('aria-sort', 'none');
    await app.shot('runs-sorted-by-duration');

    await sortByDuration.click();
    await expect.poll(ids).toEqual(ordered(quick, middle, slow));
    await expect(page.locator('th.col-duration')).toHaveAttribute('aria-sort', 'ascending');

    await page.getByTestId('sort-started').click();
    await expect.poll(ids).toEqual(ordered(middle, quick, slow));
    await page.getByTestId('sort-started').click();
    await expect.poll(ids).toEqual(ordered(slow, quick, middle));
  });
});
