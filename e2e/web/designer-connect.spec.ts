import { DesignerPage } from './pages/designer-page.js';
import { blankDoc, seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

test.describe('connecting nodes', () => {
  let designer: DesignerPage;

  test.beforeEach(async ({ page, serve }) => {
    const file = await seedWorkflow(serve, 'wiring.flow.json', blankDoc('wiring', 'Wiring'));
    designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    await designer.dragFromPalette('transform', { x: 0.75, y: 0.5 });
    await designer.dragFromPalette('end', { x: 0.3, y: 0.8 });
    await expect(designer.nodes()).toHaveCount(3);
    await expect(designer.edges()).toHaveCount(0);
    await expect(page.getByTestId('problems-warning-count')).toHaveText('2');
  });

  test('dragging from an output port to an input port adds an edge', async ({ page }) => {
    await designer.dragBetween(designer.outputHandle('start'), designer.inputHandle('transform1'));
    await expect(designer.edges()).toHaveCount(1);

    await designer.dragBetween(designer.outputHandle('transform1', 'out'), designer.inputHandle('end1'));
    await expect(designer.edges()).toHaveCount(2);
    await expect(designer.refusedBanner).toHaveCount(0);
    // Before, both new nodes were unreachable (warnings); connected, the workflow is valid.
    await expect(designer.problems).toContainText('No problems');
    await expect(page.getByTestId('problems-warning-count')).toHaveText('0');
  });

  test('an invalid connection is refused with a visible reason and adds no edge', async () => {
    // Into the start node: it has no input.
    await designer.dragBetween(designer.outputHandle('transform1', 'out'), designer.nodeCard('start'));
    await expect(designer.refusedBanner).toBeVisible();
    await expect(designer.refusedBanner).toContainText('A start node has no inputs');
    await expect(designer.edges()).toHaveCount(0);
    await designer.screenshot('connection-refused');
    await designer.refusedBanner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(designer.refusedBanner).toHaveCount(0);

    // A port that is already connected.
    await designer.dragBetween(designer.outputHandle('start'), designer.inputHandle('transform1'));
    await expect(designer.edges()).toHaveCount(1);
    await designer.dragBetween(designer.outputHandle('start'), designer.inputHandle('end1'));
    await expect(designer.refusedBanner).toContainText('is already connected');
    await expect(designer.edges()).toHaveCount(1);
  });
});
