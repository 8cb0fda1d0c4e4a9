import { startRecordingServer, type RecordingServer } from '../../test/cli/recording-server.js';
import { DesignerPage } from './pages/designer-page.js';
import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

/** A local "invoice system"; its recorded requests tell how often the invoice was fetched. */
function invoiceServer(): Promise<RecordingServer> {
  return startRecordingServer(async () => ({ id: 'INV-7', amount: 1200 }));
}

/** How many requests for the invoice the system got. */
function invoiceFetches(invoices: RecordingServer): number {
  return invoices.requests.filter((r) => r.path === '/invoice').length;
}

function invoiceFlow(base: string) {
  return {
    format: 'switchyard/workflow@1',
    id: 'invoice-check',
    name: 'Invoice check',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 80 } },
      { id: 'fetch', kind: 'http', config: { method: 'GET', url: `${base}/invoice` }, position: { x: 200, y: 80 } },
      {
        id: 'score',
        kind: 'script',
        // Room for a cold interpreter on a busy test machine.
        timeoutMs: 20_000,
        config: { code: 'return { risk: steps.fetch.output.body.amount * 2, id: steps.fetch.output.body.id };' },
        position: { x: 460, y: 80 },
      },
      {
        id: 'check',
        kind: 'condition',
        config: { when: 'steps.score.output.risk > 2000' },
        position: { x: 720, y: 80 },
      },
      {
        id: 'boss',
        kind: 'approval',
        config: { title: 'Approve {{ steps.fetch.output.body.id }}?' },
        position: { x: 980, y: 0 },
      },
      { id: 'auto', kind: 'end', config: { output: "'auto'" }, position: { x: 980, y: 200 } },
      { id: 'done', kind: 'end', config: { output: 'steps.boss.output.decision' }, position: { x: 1240, y: 0 } },
    ],
    edges: [
      { from: 'start', to: 'fetch' },
      { from: 'fetch', to: 'score' },
      { from: 'score', to: 'check' },
      { from: 'check', port: 'true', to: 'boss' },
      { from: 'check', port: 'false', to: 'auto' },
      { from: 'boss', port: 'approved', to: 'done' },
      { from: 'boss', port: 'rejected', to: 'done' },
    ],
  };
}

test.describe('pinned data and run to here', () => {
  test.use({ seedExamples: false });

  test('pins an http output from a past run, runs to a later node in the page and calls nothing real', async ({
    page,
    serve,
  }) => {
    const invoices = await invoiceServer();
    try {
      const file = 'invoice-check.flow.json';
      await serve.api('saveWorkflow', { file, workflow: invoiceFlow(invoices.base) });
      // A real run: it calls the invoice system once and waits at the approval.
      const real = await serve.api<Outcome>('startRun', { file, input: {} });
      expect(real, JSON.stringify(real)).toMatchObject({ status: 'waiting' });
      expect(invoiceFetches(invoices)).toBe(1);

      // Its run view: select fetch (its latest event, node.completed) and pin that output.
      const app = new RunsApp(page, serve);
      await app.prepare({ lastFile: file });
      await app.gotoRun(real.runId);
      await app.node('fetch').click();
      const pinButton = page.getByTestId('pin-output');
      await expect(pinButton).toHaveText('Pin output of fetch');
      await pinButton.click();
      await expect(page.getByText('Pinned the output of fetch')).toBeVisible();
      await app.shot('run-view-pin-output');
      const { pins } = await serve.api<{ pins: Record<string, { output: unknown; from?: unknown }> }>('listPins', {
        workflowId: 'invoice-check',
      });
      expect(pins['fetch']?.output).toMatchObject({ status: 200, body: { id: 'INV-7', amount: 1200 } });
      expect(pins['fetch']?.from).toMatchObject({ runId: real.runId });

      // The designer: run to here on check, two steps after the pinned http node.
      const designer = new DesignerPage(page, serve.url);
      await page.getByTestId('nav-designer').click();
      await designer.waitForWorkflow(file);
      await expect(designer.nodeCard('fetch').getByTestId('pin-badge')).toBeVisible();
      await designer.selectNode('check');
      await designer.inspector.getByTestId('run-to-here').click();
      const banner = page.getByTestId('sample-banner');
      await expect(banner).toContainText('Ran to check on sample data');
      for (const id of ['start', 'fetch', 'score', 'check'])
        await expect(designer.nodeCard(id), id).toHaveAttribute('data-run-status', 'completed');
      await expect(designer.nodeCard('boss')).toHaveAttribute('data-run-status', 'idle');
      await expect(designer.inspector.getByTestId('sample-output')).toContainText('true');

      // The script ran in the page (a Web Worker) on the pinned body.
      await designer.selectNode('score');
      await expect(designer.inspector.getByTestId('sample-output')).toContainText('2400');
      await expect(designer.inspector.getByTestId('sample-output')).toContainText('INV-7');
      await designer.waitForCanvasIdle();
      await app.shot('designer-run-to-here');

      // The pinned node's inspector shows (and edits) the pinned JSON.
      await designer.selectNode('fetch');
      await expect(designer.inspector.getByTestId('pin-json')).toHaveValue(/"amount": 1200/);
      await app.shot('designer-pinned-output');

      // No request reached the invoice system for the pinned node: still only the real run's one.
      expect(invoiceFetches(invoices)).toBe(1);

      // Running to the approval stops there, saying so.
      await designer.selectNode('done');
      await designer.inspector.getByTestId('run-to-here').click();
      await expect(banner).toContainText('Stopped at boss (approval)');
      await expect(designer.nodeCard('boss')).toHaveAttribute('data-run-status', 'waiting');

      // Edit the pin: a small amount takes the other branch.
      await designer.selectNode('fetch');
      const json = designer.inspector.getByTestId('pin-json');
      await json.fill(JSON.stringify({ status: 200, headers: {}, body: { id: 'INV-8', amount: 300 } }, null, 2));
      await designer.inspector.getByTestId('pin-save').click();
      await expect(json).toHaveValue(/"amount": 300/);
      await designer.selectNode('auto');
      await designer.inspector.getByTestId('run-to-here').click();
      await expect(banner).toContainText('Ran to auto on sample data');
      await expect(designer.nodeCard('boss')).toHaveAttribute('data-run-status', 'idle');

      // Unpinned, the http node is not called behind the user's back: run to here asks first.
      await designer.selectNode('fetch');
      await designer.inspector.getByTestId('pin-remove').click();
      await expect(designer.nodeCard('fetch').getByTestId('pin-badge')).toHaveCount(0);
      await designer.selectNode('check');
      await designer.inspector.getByTestId('run-to-here').click();
      const dialog = page.getByTestId('unpinned-dialog');
      await expect(dialog).toContainText(`fetch GET ${invoices.base}/invoice`);
      await app.shot('designer-unpinned-dialog');
      await dialog.getByTestId('unpinned-run-until').click();
      await expect(banner).toContainText('Stopped before fetch');
      await expect(designer.nodeCard('start')).toHaveAttribute('data-run-status', 'completed');
      expect(invoiceFetches(invoices)).toBe(1);

      // Stop does nothing at all.
      await designer.inspector.getByTestId('run-to-here').click();
      await dialog.getByTestId('unpinned-stop').click();
      await expect(dialog).toHaveCount(0);
      expect(invoiceFetches(invoices)).toBe(1);
    } finally {
      await invoices.close();
    }
  });
});
