import { DesignerPage } from './pages/designer-page.js';
import type { Point } from './pages/geometry.js';
import { scatteredDoc, seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

const IDS = ['start', 'double', 'log', 'done'];

test('auto-layout moves the nodes into a layered left-to-right layout without overlap', async ({ page, serve }) => {
  const file = await seedWorkflow(serve, 'scattered.flow.json', scatteredDoc('scattered'));
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);
  await expect(designer.nodes()).toHaveCount(IDS.length);

  const positions = async (): Promise<Point[]> => Promise.all(IDS.map((id) => designer.flowPosition(id)));
  const before = await positions();
  // Opened as saved: a column, end on top, start at the bottom.
  expect(before.map((p) => p.y)).toEqual([1200, 800, 400, 0]);

  await designer.button('btn-layout').click();
  await expect
    .poll(async () => (await positions()).every((p, i) => p.x !== before[i]?.x || p.y !== before[i]?.y), {
      message: 'every node moved',
      timeout: 15_000,
    })
    .toBe(true);
  await designer.waitForCanvasIdle();

  const after = await positions();
  // Left to right along the edges: start, double, log, done.
  for (let i = 1; i < after.length; i++) expect(after[i]?.x).toBeGreaterThan(after[i - 1]?.x ?? Infinity);
  expect(await designer.overlappingNodes()).toEqual([]);
  await expect(designer.dirtyMarker()).toBeVisible();

  // One undo step puts every node back (fit the view: the canvas draws only the nodes in view).
  await designer.button('btn-undo').click();
  await designer.button('btn-fit').click();
  await expect.poll(positions).toEqual(before);
  await expect(designer.dirtyMarker()).toHaveCount(0);
});
