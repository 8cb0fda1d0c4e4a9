import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { join } from 'node:path';
import type { Workflow } from '#shared';
import { findTargets, zoomIn } from '../../bench/b7-frames.js';
import { gridWorkflow } from '../../bench/b7-grid-workflow.js';
import { DesignerPage } from './pages/designer-page.js';
import type { Point } from './pages/geometry.js';
import { seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

const NODES = 300;
const CANVAS = '[data-testid="canvas"] .react-flow';
const DRAG_BY = { x: 160, y: 100 };

test('dragging a node of a 300-node workflow moves it, undoes in one step and is saved', async ({ page, serve }) => {
  test.setTimeout(120_000);
  const file = await seedWorkflow(serve, 'grid-300.flow.json', gridWorkflow(NODES));
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);

  // Zoomed in to read the cards: only the cards in view are on the canvas, with their edges.
  const zoom = await zoomIn(page, CANVAS, '.react-flow__viewport', 1);
  await designer.waitForCanvasIdle();
  await expect.poll(() => designer.nodes().count()).toBeLessThan(NODES / 4);
  await expect(designer.edges().first()).toBeVisible();

  const id = await nodeNearTheMiddle(designer);
  const before = await designer.flowPosition(id);
  const grip = await gripOf(designer, id);

  // A drag as a person makes it: many small moves. The time limit only guards against a hang.
  const started = Date.now();
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(grip.x + DRAG_BY.x, grip.y + DRAG_BY.y, { steps: 40 });
  // Not in the document (nor unsaved) before the drop; drawn where the mouse is.
  await expect(designer.dirtyMarker()).toHaveCount(0);
  await page.mouse.up();
  expect(Date.now() - started, 'the drag took far too long').toBeLessThan(30_000);

  // Where the mouse took it (within the 8-px snap grid).
  await expect(designer.dirtyMarker()).toBeVisible();
  const moved = await designer.flowPosition(id);
  expect(Math.abs(moved.x - (before.x + DRAG_BY.x / zoom))).toBeLessThanOrEqual(8);
  expect(Math.abs(moved.y - (before.y + DRAG_BY.y / zoom))).toBeLessThanOrEqual(8);
  await designer.screenshot('drag-large-moved');

  await designer.button('btn-undo').click();
  await expect.poll(() => designer.flowPosition(id)).toEqual(before);
  await expect(designer.dirtyMarker()).toHaveCount(0);
  await designer.button('btn-redo').click();
  await expect.poll(() => designer.flowPosition(id)).toEqual(moved);

  await designer.save();
  const saved = JSON.parse(readFileSync(join(serve.workspace, file), 'utf8')) as Workflow;
  expect(saved.nodes.find((n) => n.id === id)?.position).toEqual(moved);
});

test('cards that come into view on a large workflow are drawn with their edges', async ({ page, serve }) => {
  test.setTimeout(120_000);
  const doc = gridWorkflow(NODES);
  const file = await seedWorkflow(serve, 'grid-300.flow.json', doc);
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);
  // Opened at the overview (blocks, no handles), then zoomed in and panned to cards never drawn before.
  await zoomIn(page, CANVAS, '.react-flow__viewport', 1);
  await designer.waitForCanvasIdle();
  const box = await designer.pane.boundingBox();
  if (box === null) throw new Error('the canvas is not on screen');
  for (let i = 0; i < 2; i++) {
    const { panAt } = await findTargets(page, CANVAS, '.react-flow__pane', '.react-flow__node');
    if (panAt === null) throw new Error('no empty spot of the canvas to pan from');
    await page.mouse.move(panAt.x, panAt.y);
    await page.mouse.down();
    await page.mouse.move(panAt.x + box.width * 0.7, panAt.y + box.height * 0.2, { steps: 10 });
    await page.mouse.up();
  }
  await expect(designer.dirtyMarker()).toHaveCount(0);
  await designer.waitForCanvasIdle();
  await designer.screenshot('drag-large-panned');

  const mounted = new Set(await idsOf(designer.nodes()));
  const drawn = new Set(await idsOf(designer.edges().filter({ has: page.locator('path') })));
  const between = doc.edges
    .filter((e) => mounted.has(e.from) && mounted.has(e.to))
    .map((e) => `${e.from}:${e.port ?? 'out'}->${e.to}`);
  expect(between.length).toBeGreaterThan(5);
  expect(between.filter((key) => !drawn.has(key))).toEqual([]);
});

/** The id of the node whose card is nearest the middle of the canvas. */
async function nodeNearTheMiddle(designer: DesignerPage): Promise<string> {
  const canvas = await designer.canvas.boundingBox();
  if (canvas === null) throw new Error('the canvas is not on screen');
  const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  let best: { id: string; distance: number } | undefined;
  for (const [id, b] of await designer.nodeBoxes()) {
    const distance = Math.hypot(b.x + b.width / 2 - middle.x, b.y + b.height / 2 - middle.y);
    if (best === undefined || distance < best.distance) best = { id, distance };
  }
  if (best === undefined) throw new Error('no node on the canvas');
  return best.id;
}

async function idsOf(elements: Locator): Promise<string[]> {
  return (await Promise.all((await elements.all()).map((el) => el.getAttribute('data-id')))).filter(
    (id) => id !== null,
  );
}

/** A point on the card's header, away from its ports. */
async function gripOf(designer: DesignerPage, id: string): Promise<Point> {
  const b = await designer.node(id).boundingBox();
  if (b === null) throw new Error(`${id} is not on screen`);
  return { x: b.x + b.width / 2, y: b.y + 12 };
}
