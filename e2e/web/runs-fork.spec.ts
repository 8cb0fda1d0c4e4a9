import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/**
 * A stand-in ERP: invoice `big` is 1,200; invoice `flaky` answers 503 once, then 300.
 * Answers `{ amount }` as JSON.
 */
async function startErp(): Promise<{ url: string; close: () => Promise<void> }> {
  let flakyCalls = 0;
  const server: Server = createServer((req, res) => {
    const id = /\/invoices\/(\w+)/.exec(req.url ?? '')?.[1];
    if (id === 'flaky' && flakyCalls++ === 0) {
      res.writeHead(503).end('busy');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ amount: id === 'big' ? 1200 : 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The invoice: fetch it over HTTP → amount > 1000? → approval, else auto-approve. */
function invoiceFlow(erp: string) {
  return {
    format: 'switchyard/workflow@1',
    id: 'invoice',
    name: 'Invoice',
    version: 1,
    input: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 80 } },
      {
        id: 'fetch',
        kind: 'http',
        config: { method: 'GET', url: `${erp}/invoices/{{ input.id }}` },
        position: { x: 240, y: 80 },
      },
      {
        id: 'check',
        kind: 'condition',
        config: { when: 'steps.fetch.output.body.amount > 1000' },
        position: { x: 500, y: 80 },
      },
      {
        id: 'boss',
        kind: 'approval',
        config: { title: 'Approve {{ steps.fetch.output.body.amount }}?' },
        position: { x: 780, y: -40 },
      },
      {
        id: 'approved',
        kind: 'end',
        config: { output: "{ 'approved': true, 'by': steps.boss.output.by }" },
        position: { x: 1060, y: -40 },
      },
      {
        id: 'auto',
        kind: 'end',
        config: { output: "{ 'approved': true, 'amount': steps.fetch.output.body.amount }" },
        position: { x: 780, y: 220 },
      },
    ],
    edges: [
      { from: 'start', to: 'fetch' },
      { from: 'fetch', to: 'check' },
      { from: 'check', port: 'true', to: 'boss' },
      { from: 'check', port: 'false', to: 'auto' },
      { from: 'boss', port: 'approved', to: 'approved' },
    ],
  };
}

test.describe('what-if forks and retry from here', () => {
  let erp: Awaited<ReturnType<typeof startErp>>;
  test.beforeAll(async () => {
    erp = await startErp();
  });
  test.afterAll(async () => {
    await erp.close();
  });

  test('what if the amount were 500: a changed step output sends the fork down the other branch', async ({
    page,
    serve,
  }) => {
    await serve.api('saveWorkflow', { file: 'invoice.flow.json', workflow: invoiceFlow(erp.url) });
    const parent = await serve.api<Outcome>('startRun', { file: 'invoice.flow.json', input: { id: 'big' } });
    expect(parent.status).toBe('waiting');
    const app = new RunsApp(page, serve);
    const fetched = await app.seqOf(parent.runId, 'node.completed', 'fetch');

    await app.gotoRun(parent.runId);
    await app.scrubTo(fetched);
    await page.getByTestId('btn-fork').click();
    const dialog = page.getByTestId('fork-dialog');
    await expect(dialog.getByTestId('fork-changes')).toHaveText(
      'No changes: the fork starts from the state as recorded.',
    );
    await dialog.getByTestId('fork-tab-output').click();
    await expect(dialog.getByLabel('Step', { exact: true })).toHaveValue('fetch');
    const output = dialog.getByLabel('steps.fetch.output');
    await expect(output).toHaveValue(/"amount": 1200/);

    // Bad JSON is caught in the dialog, naming the field.
    const recorded = await output.inputValue();
    await output.fill('{ "body": ');
    await dialog.getByTestId('fork-start').click();
    await expect(dialog.getByRole('alert')).toContainText('steps.fetch.output: Not valid JSON');
    await expect(dialog.getByTestId('fork-tab-output')).toHaveClass(/is-invalid/);
    await output.fill(recorded.replace('"amount": 1200', '"amount": 500'));
    await expect(dialog.getByTestId('fork-changes')).toHaveText('Changes: steps.fetch.output');

    // The engine checks the input against the workflow's schema: its refusal shows in the dialog.
    await dialog.getByTestId('fork-tab-input').click();
    const input = dialog.getByLabel('input', { exact: true });
    await input.fill('{ "id": 7 }');
    await expect(dialog.getByTestId('fork-changes')).toHaveText('Changes: input, steps.fetch.output');
    await dialog.getByTestId('fork-start').click();
    await expect(dialog.getByRole('alert')).toContainText('input.id');
    await input.fill('{ "id": "big" }');
    await expect(dialog.getByTestId('fork-changes')).toHaveText('Changes: steps.fetch.output');
    await dialog.getByTestId('fork-tab-output').click();
    await app.shot('fork-what-if-dialog');
    await dialog.getByTestId('fork-start').click();

    // The fork skips the approval: 500 is auto-approved; the header says what was changed.
    await expect(page.getByTestId('run-id')).not.toHaveText(parent.runId);
    const forkId = (await page.getByTestId('run-id').textContent()) ?? '';
    await app.waitForRun(forkId);
    await app.expectRunStatus('completed');
    await expect(page.getByTestId('run-parent')).toHaveText(`↳ forked from ${parent.runId}@${fetched}`);
    await expect(page.getByTestId('run-fork-changes')).toHaveText('changed: steps.fetch.output');
    await expect(app.event(1)).toContainText(`forked from ${parent.runId} at #${fetched} · changed steps.fetch.output`);
    await app.expectStatuses({ fetch: 'completed', check: 'completed', auto: 'completed', boss: 'idle' });
    await expect(page.getByTestId('run-output')).toContainText('500');
    const forkHistory = await app.history(forkId);
    expect(forkHistory.filter((e) => e.type === 'node.entered').map((e) => e.node)).toEqual(['check', 'auto']);
    expect(forkHistory[0]?.data).toMatchObject({ changes: { outputs: { fetch: { body: { amount: 500 } } } } });
    await app.shot('fork-what-if-run');
  });

  test('retry from here: one click on a failed node forks at its entry, and the node runs again', async ({
    page,
    serve,
  }) => {
    await serve.api('saveWorkflow', { file: 'invoice.flow.json', workflow: invoiceFlow(erp.url) });
    const parent = await serve.api<Outcome>('startRun', { file: 'invoice.flow.json', input: { id: 'flaky' } });
    expect(parent.status).toBe('failed');
    const app = new RunsApp(page, serve);
    await app.prepare({ theme: 'dark' });
    const entered = await app.seqOf(parent.runId, 'node.entered', 'fetch');

    await app.gotoRun(parent.runId);
    await app.expectStatuses({ fetch: 'failed' });
    const retry = page.getByTestId('retry-fetch');
    await expect(retry).toHaveText('Retry from here');
    // Only failed nodes offer it.
    await expect(page.getByTestId('retry-start')).toHaveCount(0);
    await app.shot('retry-from-here');
    await retry.click();

    await expect(page.getByTestId('run-id')).not.toHaveText(parent.runId);
    const forkId = (await page.getByTestId('run-id').textContent()) ?? '';
    await app.waitForRun(forkId);
    await app.expectRunStatus('completed');
    await expect(page.getByTestId('run-parent')).toHaveText(`↳ forked from ${parent.runId}@${entered - 1}`);
    await expect(page.getByTestId('run-fork-changes')).toHaveCount(0);
    await app.expectStatuses({ fetch: 'completed', auto: 'completed' });
    await expect(page.getByTestId('retry-fetch')).toHaveCount(0);
    const forkHistory = await app.history(forkId);
    expect(forkHistory.filter((e) => e.type === 'node.entered').map((e) => e.node)).toEqual(['fetch', 'check', 'auto']);
  });
});
