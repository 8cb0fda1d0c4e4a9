import type { Workflow } from '#shared';
import { DesignerPage } from './pages/designer-page.js';
import { seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

/** "fetch an invoice over HTTP → amount > 1000? → approval", as a new user builds it, with a typo. */
function invoiceDoc(when: string): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id: 'invoice',
    name: 'Invoice approval',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      {
        id: 'fetch',
        kind: 'http',
        position: { x: 260, y: 0 },
        config: { method: 'GET', url: 'https://billing.example/1' },
      },
      { id: 'check', kind: 'condition', position: { x: 520, y: 0 }, config: { when } },
      {
        id: 'boss',
        kind: 'approval',
        position: { x: 800, y: -120 },
        config: { title: 'Approve {{ steps.fetch.output.body.amount }}?' },
      },
      { id: 'auto', kind: 'end', position: { x: 800, y: 120 } },
      { id: 'done', kind: 'end', position: { x: 1080, y: -120 } },
    ],
    edges: [
      { from: 'start', to: 'fetch' },
      { from: 'fetch', to: 'check' },
      { from: 'check', port: 'true', to: 'boss' },
      { from: 'check', port: 'false', to: 'auto' },
      { from: 'boss', port: 'approved', to: 'done' },
      { from: 'boss', port: 'rejected', to: 'done' },
    ],
  };
}

test.describe('checked references', () => {
  test('a typo in steps.X is a problem that names the node it meant', async ({ page, serve }) => {
    const file = await seedWorkflow(serve, 'invoice.flow.json', invoiceDoc('steps.fetsh.output.body.amount > 1000'));
    const designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    const row = designer.problemRows().filter({ hasText: 'node check' });
    await expect(row).toContainText('steps.fetsh: there is no node fetsh (did you mean fetch?)');
    await expect(designer.nodeCard('check')).toHaveClass(/\bhas-errors\b/);
    await designer.screenshot('reference-typo');

    await designer.selectNode('check');
    await designer.setCodeField('When', 'steps.fetch.output.body.amount > 1000');
    await expect(designer.errorCount()).toHaveText('0');
  });

  test('renaming a node rewrites every reference to it, as one undo step, and lists them', async ({ page, serve }) => {
    const file = await seedWorkflow(serve, 'invoice.flow.json', invoiceDoc('steps.fetch.output.body.amount > 1000'));
    const designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    await designer.selectNode('fetch');
    const referenced = designer.inspector.getByTestId('referenced-by');
    await expect(referenced).toContainText('check config.when');
    await expect(referenced).toContainText('boss config.title');

    const id = page.getByTestId('inspector-id');
    await id.fill('getInvoice');
    await id.press('Enter');
    await expect(designer.errorCount()).toHaveText('0');
    await expect(designer.nodeSummary('check')).toHaveText('steps.getInvoice.output.body.amount > 1000');
    await designer.screenshot('reference-rename');

    await designer.button('btn-undo').click();
    await expect(designer.nodeSummary('check')).toHaveText('steps.fetch.output.body.amount > 1000');
    await expect(designer.nodeCard('fetch')).toBeVisible();
    await expect(designer.errorCount()).toHaveText('0');
  });
});
