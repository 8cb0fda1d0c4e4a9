import type { Workflow } from '#shared';
import { DesignerPage } from './pages/designer-page.js';
import { conditionDoc, seedWorkflow } from './pages/workflows.js';
import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

const LINES = [
  { sku: 'pen', qty: 2, price: 3 },
  { sku: 'lamp', qty: 1, price: 10 },
];

/** order (a list of objects) → big? → ship (fails: its error port ends in `sorry`) → done. */
function shippingDoc(): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id: 'shipping',
    name: 'Shipping',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 80 } },
      {
        id: 'order',
        kind: 'transform',
        position: { x: 220, y: 56 },
        config: { output: JSON.stringify(LINES), assign: { count: '2' } },
      },
      { id: 'big', kind: 'condition', position: { x: 480, y: 56 }, config: { when: 'vars.count > 1' } },
      {
        id: 'ship',
        kind: 'transform',
        position: { x: 740, y: 0 },
        config: { output: '$error("no courier for " & input.city)' },
      },
      { id: 'done', kind: 'end', position: { x: 1000, y: 160 } },
      { id: 'sorry', kind: 'end', position: { x: 1000, y: 0 }, config: { output: "'sorry'" } },
    ],
    edges: [
      { from: 'start', to: 'order' },
      { from: 'order', to: 'big' },
      { from: 'big', port: 'true', to: 'ship' },
      { from: 'big', port: 'false', to: 'done' },
      { from: 'ship', to: 'done' },
      { from: 'ship', port: 'error', to: 'sorry' },
    ],
  };
}

const SECRET_VALUE = 'tok-value-5RwQ';

test.describe('data per node', () => {
  test.use({ secrets: { env: { API_TOKEN: SECRET_VALUE } } });

  test('a node of a run shows its input, output and error at the selected seq, as tree, table and raw', async ({
    page,
    context,
    serve,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await seedWorkflow(serve, 'shipping.flow.json', shippingDoc());
    const { runId, status } = await serve.api<Outcome>('startRun', {
      file: 'shipping.flow.json',
      input: { city: 'Oslo' },
    });
    expect(status).toBe('completed');
    const app = new RunsApp(page, serve);
    await app.gotoRun(runId);
    const shipEntered = await app.seqOf(runId, 'node.entered', 'ship');
    const orderDone = await app.seqOf(runId, 'node.completed', 'order');
    const finished = await app.seqOf(runId, 'run.completed');

    // Clicking a node opens its data beside the canvas.
    await app.node('order').click();
    const data = page.getByTestId('node-data');
    await expect(data).toHaveAttribute('data-node', 'order');
    await expect(page.getByTestId('node-data-tab')).toHaveAttribute('aria-selected', 'true');
    await expect(app.node('order')).toHaveClass(/\bis-selected\b/);

    // The input is the scope the node was entered with: the run input, no vars, start's step.
    const input = data.getByTestId('node-input');
    await expect(input.locator('[data-path="input.city"]')).toContainText('"Oslo"');
    await expect(input.locator('[data-path="steps.start"]')).toHaveCount(1);
    await expect(input.locator('[data-path="steps.order"]')).toHaveCount(0);

    // The output: a list of objects, as a tree, a table and raw JSON that can be copied.
    const output = data.getByTestId('node-output');
    await expect(output.locator('[data-path="output.1.sku"]')).toContainText('"lamp"');
    await output.getByRole('button', { name: 'Table' }).click();
    const table = output.getByTestId('data-table');
    await expect(table).toHaveAttribute('data-path', 'output');
    await expect(table.locator('thead th')).toHaveText(['#', 'sku', 'qty', 'price']);
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(table.locator('tbody tr').nth(1)).toContainText('lamp');
    await app.shot('node-data-table');
    await output.getByRole('button', { name: 'Raw' }).click();
    await expect(output.getByTestId('data-raw')).toContainText('"sku": "pen"');
    await output.getByRole('button', { name: 'Copy output' }).click();
    await expect(output.getByRole('button', { name: 'Copy output' })).toContainText('Copied');
    // A string of code: the e2e tests are typed without the DOM library.
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(JSON.parse(copied)).toEqual(LINES);

    // A node that failed: its error, handled by the error port; its input has order's output as a table.
    await app.node('ship').click();
    await expect(data).toHaveAttribute('data-node', 'ship');
    await app.scrubTo(finished);
    await expect(data.getByTestId('node-error-line')).toContainText('no courier for Oslo');
    await expect(data.getByTestId('node-error').locator('[data-path="error.code"]')).toContainText('EXPRESSION_FAILED');
    await expect(data.getByTestId('node-output')).toHaveCount(0);
    const shipInput = data.getByTestId('node-input');
    await expect(shipInput.locator('[data-path="vars.count"]')).toContainText('2');
    await shipInput.getByRole('button', { name: 'Table' }).click();
    await expect(shipInput.getByTestId('data-table').first()).toHaveAttribute('data-path', 'steps.order.output');
    await app.shot('node-data-error');
    await page.getByTestId('btn-theme').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.shot('node-data-dark');
    await page.getByTestId('btn-theme').click();

    // Back in time: before ship was entered it has no data, and says where it first runs.
    await app.scrubTo(orderDone);
    await expect(data).toHaveAttribute('data-state', 'not-run');
    await expect(data.getByTestId('node-data-not-run')).toContainText(`first entered at #${shipEntered}`);
    await data
      .getByTestId('node-data-not-run')
      .getByRole('button', { name: `#${shipEntered}` })
      .click();
    await expect(app.position).toHaveAttribute('data-seq', String(shipEntered));
    await expect(data.getByTestId('node-data-pending')).toContainText('still running');

    // The run state is one tab away; closing the node returns to it.
    await page.getByRole('tab', { name: 'Run state' }).click();
    await expect(app.context).toBeVisible();
    await page.getByRole('button', { name: 'Close ship' }).click();
    await expect(page.getByTestId('node-data-tab')).toHaveCount(0);
    await expect(app.context).toBeVisible();
  });

  test('an expression field previews its value against the latest run as one types', async ({ page, serve }) => {
    const file = await seedWorkflow(serve, 'shipping.flow.json', shippingDoc());
    await serve.api<Outcome>('startRun', { file, input: { city: 'Oslo' } });
    const designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    await designer.selectNode('big');
    const preview = designer.inspector.getByTestId('expression-preview').first();
    const value = preview.getByTestId('preview-value');
    await expect(value).toHaveText('true');
    await expect(preview).toContainText('latest run');

    // The scope is the one big saw in that run: order's output is there.
    await designer.setCodeField('When', '$sum(steps.order.output.(qty * price))');
    await expect(value).toHaveText('16');
    await designer.setCodeField('When', 'steps.order.output[qty > 1].sku & " for " & input.city');
    await expect(value).toHaveText('"pen for Oslo"');
    await designer.screenshot('expression-preview');

    // A bad expression says what is wrong with it; evaluation errors too.
    await designer.setCodeField('When', 'steps.order.output[');
    await expect(preview.getByTestId('preview-error')).toContainText('syntax error');
    await designer.screenshot('expression-preview-syntax');
    await designer.setCodeField('When', 'input.city + 1');
    await expect(preview.getByTestId('preview-error')).toContainText('evaluation failed');
    await designer.screenshot('expression-preview-error');

    // Secrets are never resolved in the page: *** and a word on when they are.
    await designer.setCodeField('When', '"Bearer " & secret.API_TOKEN');
    await expect(value).toHaveText('"Bearer ***"');
    await expect(preview.getByTestId('preview-secret')).toContainText('secret, resolved at run time');
    expect(await page.content()).not.toContain(SECRET_VALUE);

    // Record values (a transform's assignments) preview too, each on its own.
    await designer.selectNode('order');
    await expect(designer.inspector.getByTestId('preview-value')).toHaveText([JSON.stringify(LINES), '2']);

    // Another node previews against the scope it saw: ship ran after order set vars.count.
    await designer.selectNode('ship');
    await designer.setCodeField('Output', '"to " & input.city & " (" & vars.count & " lines)"');
    await expect(designer.inspector.getByTestId('preview-value').first()).toHaveText('"to Oslo (2 lines)"');
  });

  test('a pinned sample output stands in for its step in the preview', async ({ page, serve }) => {
    const doc: Workflow = {
      format: 'switchyard/workflow@1',
      id: 'quote',
      name: 'Quote',
      version: 1,
      nodes: [
        { id: 'start', kind: 'start', position: { x: 0, y: 40 } },
        // Room for a cold interpreter on a busy test machine.
        {
          id: 'price',
          kind: 'script',
          position: { x: 220, y: 16 },
          timeoutMs: 20_000,
          config: { code: 'return { amount: 1200 };' },
        },
        {
          id: 'check',
          kind: 'condition',
          position: { x: 480, y: 16 },
          config: { when: 'steps.price.output.amount > 1000' },
        },
        { id: 'big', kind: 'end', position: { x: 740, y: 0 } },
        { id: 'small', kind: 'end', position: { x: 740, y: 120 } },
      ],
      edges: [
        { from: 'start', to: 'price' },
        { from: 'price', to: 'check' },
        { from: 'check', port: 'true', to: 'big' },
        { from: 'check', port: 'false', to: 'small' },
      ],
    };
    const file = await seedWorkflow(serve, 'quote.flow.json', doc);
    const { runId } = await serve.api<Outcome>('startRun', { file });
    // A script's output can be pinned from its node tab in the run view.
    const app = new RunsApp(page, serve);
    await app.gotoRun(runId);
    await app.node('price').click();
    await expect(page.getByTestId('node-data').getByTestId('pin-output')).toBeVisible();
    await serve.api('pinOutput', { workflowId: 'quote', node: 'price', output: { amount: 500 } });
    const designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    await designer.selectNode('check');
    const preview = designer.inspector.getByTestId('expression-preview').first();
    await expect(preview.getByTestId('preview-value')).toHaveText('false');
    await expect(preview).toContainText('pinned data');

    // Unpinned, the step's output in the latest run is read again.
    await designer.selectNode('price');
    await designer.inspector.getByTestId('pin-remove').click();
    await designer.selectNode('check');
    await expect(preview.getByTestId('preview-value')).toHaveText('true');
    await expect(preview).not.toContainText('pinned data');
  });

  test('a workflow that never ran says so under its expressions', async ({ page, serve }) => {
    const file = await seedWorkflow(serve, 'fresh.flow.json', conditionDoc('fresh'));
    const designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    await designer.selectNode('check');
    await expect(designer.inspector.getByTestId('expression-preview').first()).toHaveText('Preview: no run yet');
  });
});
