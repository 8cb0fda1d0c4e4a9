import { NODE_KINDS } from '#shared';
import { DesignerPage } from './pages/designer-page.js';
import { blankDoc, seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

test('every node kind of the palette can be dragged onto the canvas', async ({ page, serve }) => {
  const file = await seedWorkflow(serve, 'palette.flow.json', blankDoc('palette', 'Palette'));
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);
  await expect(designer.nodes()).toHaveCount(1);
  await expect(designer.paletteItems()).toHaveCount(NODE_KINDS.length);

  // Zoomed out so that every card fits, on a grid of about as many columns as rows (the
  // empty-canvas hint covers the top middle: the first drop is on the left).
  await designer.canvas.getByRole('button', { name: 'Zoom Out' }).click();
  await designer.canvas.getByRole('button', { name: 'Zoom Out' }).click();
  await designer.waitForCanvasIdle();
  const cols = Math.ceil(Math.sqrt(NODE_KINDS.length));
  const rows = Math.ceil(NODE_KINDS.length / cols);
  for (const [i, kind] of NODE_KINDS.entries()) {
    const at = { x: 0.1 + ((i % cols) * 0.8) / (cols - 1), y: 0.2 + (Math.floor(i / cols) * 0.6) / (rows - 1) };
    await designer.dragFromPalette(kind, at);
    // A blank workflow holds `start`; each dropped kind gets the first free id `KIND1`.
    const card = designer.nodeCard(`${kind}1`);
    await expect(card, `${kind} was dropped`).toBeVisible();
    await expect(card).toHaveClass(new RegExp(`\\bkind-${kind}\\b`));
    await expect(designer.nodes()).toHaveCount(i + 2);
  }
  // A kind's card shows its registry summary, e.g. the vars a set node sets.
  await expect(designer.nodeCard('set1')).toContainText('sets value');
  // The dropped node is selected: the inspector edits the last one.
  await expect(page.getByTestId('inspector-id')).toHaveValue(`${NODE_KINDS.at(-1) ?? ''}1`);
  await expect(designer.dirtyMarker()).toBeVisible();
  await designer.button('btn-fit').click();
  await designer.waitForCanvasIdle();
  await designer.screenshot('all-kinds');
});
