import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workflow } from '#shared';
import type { Locator } from '@playwright/test';
import { DesignerPage } from './pages/designer-page.js';
import { boxesOverlap, type Box } from './pages/geometry.js';
import { blankDoc, conditionDoc, seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

/** A chain start → step1 … stepN → done, laid out in rows (a "large workflow"). */
function chainDoc(id: string, count: number): Workflow {
  const nodes: Workflow['nodes'] = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 } }];
  const edges: Workflow['edges'] = [];
  let previous = 'start';
  for (let i = 1; i <= count; i++) {
    const node = `step${i}`;
    nodes.push({
      id: node,
      kind: 'log',
      label: i === 77 ? 'Notify the accounting team' : undefined,
      config: { message: `step ${i}` },
      position: { x: (i % 12) * 280, y: Math.floor(i / 12) * 180 },
    });
    edges.push({ from: previous, to: node });
    previous = node;
  }
  nodes.push({ id: 'done', kind: 'end', position: { x: 0, y: Math.ceil(count / 12 + 1) * 180 } });
  edges.push({ from: previous, to: 'done' });
  return { format: 'switchyard/workflow@1', id, name: 'Long chain', version: 1, nodes, edges };
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${locator.toString()} is not on screen`);
  return box;
}

async function readFile(dir: string, file: string): Promise<Workflow> {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as Workflow;
}

test('palette search adds the first match with Enter; a click adds after the selected node, connected; names wrap', async ({
  page,
  serve,
}) => {
  const doc = conditionDoc('comfort-palette');
  doc.nodes = doc.nodes.map((n) =>
    n.id === 'check' ? { ...n, label: 'Is the invoice amount above the approval limit?' } : n,
  );
  const file = await seedWorkflow(serve, 'comfort-palette.flow.json', doc);
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);

  const search = page.getByRole('searchbox', { name: 'Search nodes' });
  await search.fill('appr');
  await expect(designer.paletteItems()).toHaveCount(1);
  await expect(designer.paletteItem('approval')).toBeVisible();
  await designer.screenshot('palette-search');
  await search.press('Enter');
  await expect(designer.nodeCard('approval1')).toBeVisible();
  await search.fill('');
  await expect(designer.paletteItems()).not.toHaveCount(1);

  // With a node selected, a click adds the next node right of it, connected from its free port.
  await designer.selectNode('approval1');
  await designer.paletteItem('http').click();
  await expect(page.getByTestId('inspector-id')).toHaveValue('http1');
  await expect(designer.canvas.getByTestId('edge-port-approval1:approved->http1')).toBeVisible();
  const after = await designer.flowPosition('approval1');
  const added = await designer.flowPosition('http1');
  expect(added.x).toBeGreaterThan(after.x + 200);
  expect(Math.abs(added.y - after.y)).toBeLessThan(40);

  // The long label wraps inside the card (taller, same width) instead of being cut.
  const name = designer.nodeCard('check').locator('.wf-name');
  await expect(name).toContainText('approval limit?');
  const nameBox = await boxOf(name);
  expect(nameBox.height).toBeGreaterThan(30);
  const cardBox = await boxOf(designer.nodeCard('check'));
  expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
  await designer.button('btn-fit').click();
  await designer.waitForCanvasIdle();
  await designer.screenshot('click-to-add');
});

test('Ctrl+F finds a node of a large workflow and brings it into view', async ({ page, serve }) => {
  const file = await seedWorkflow(serve, 'comfort-find.flow.json', chainDoc('comfort-find', 150));
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);
  await designer.pane.click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('ControlOrMeta+f');
  const find = page.getByRole('combobox', { name: 'Find node' });
  await expect(find).toBeFocused();
  await find.fill('accounting');
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('option').first()).toContainText('Notify the accounting team');
  await designer.screenshot('find-node');
  await find.press('Enter');
  await expect(page.getByTestId('find-node')).toHaveCount(0);
  await expect(page.getByTestId('inspector-id')).toHaveValue('step77');
  await designer.waitForCanvasIdle();
  const canvas = await boxOf(designer.canvas);
  const card = await boxOf(designer.nodeCard('step77'));
  expect(boxesOverlap(canvas, card)).toBe(true);
  expect(card.width).toBeGreaterThan(150); // zoomed in enough to read it
  // Escape closes it without moving anything.
  await page.keyboard.press('ControlOrMeta+f');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('find-node')).toHaveCount(0);
});

test('the side panels fold away to widen the canvas, and stay folded after a reload', async ({ page, serve }) => {
  const file = await seedWorkflow(serve, 'comfort-panels.flow.json', conditionDoc('comfort-panels'));
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);
  const before = await boxOf(designer.canvas);
  await page.getByRole('button', { name: 'Hide workflows and nodes' }).click();
  await page.getByRole('button', { name: 'Hide inspector' }).click();
  await expect(designer.inspector).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Node palette' })).toHaveCount(0);
  const wide = await boxOf(designer.canvas);
  expect(wide.width).toBeGreaterThan(before.width + 400);
  await designer.screenshot('panels-folded');
  await page.reload();
  await expect(designer.nodes().first()).toBeVisible();
  await expect(designer.inspector).toHaveCount(0);
  await page.getByRole('button', { name: 'Show inspector' }).click();
  await page.getByRole('button', { name: 'Show workflows and nodes' }).click();
  await expect(designer.inspector).toBeVisible();
});

test('edge labels never overlap, even where many edges leave one node', async ({ page, serve }) => {
  const cases = ['urgent', 'high', 'normal', 'low', 'someday', 'never'];
  const doc: Workflow = {
    format: 'switchyard/workflow@1',
    id: 'comfort-labels',
    name: 'Many ports',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 120 } },
      {
        id: 'route',
        kind: 'switch',
        config: { cases: cases.map((port) => ({ port, when: `input.p = '${port}'` })) },
        position: { x: 220, y: 40 },
      },
      // Every port into one node: the port labels, 30% along their edges, would sit 17 px apart (18 px tall).
      { id: 'sink', kind: 'end', position: { x: 600, y: 120 } },
    ],
    edges: [
      { from: 'start', to: 'route' },
      ...cases.map((port) => ({ from: 'route', port, to: 'sink' })),
      { from: 'route', port: 'default', to: 'sink' },
    ],
  };
  const file = await seedWorkflow(serve, 'comfort-labels.flow.json', doc);
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);
  const labels = designer.canvas.locator('.wf-edge-label');
  await expect(labels).toHaveCount(cases.length + 1);
  await expect
    .poll(async () => {
      const boxes = await Promise.all((await labels.all()).map(boxOf));
      let overlaps = 0;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) if (boxesOverlap(boxes[i]!, boxes[j]!)) overlaps++;
      return overlaps;
    })
    .toBe(0);
  await designer.screenshot('edge-labels');
});

test('sticky notes and named, collapsible groups are saved in the file and come back', async ({ page, serve }) => {
  const file = await seedWorkflow(serve, 'comfort-notes.flow.json', conditionDoc('comfort-notes'));
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);

  // A note, from the pane's context menu, written in Markdown in the inspector.
  const canvas = await boxOf(designer.canvas);
  await designer.pane.click({ button: 'right', position: { x: 80, y: canvas.height - 140 } });
  await page.getByRole('menuitem', { name: 'Add sticky note here' }).click();
  await expect(page.getByTestId('note-inspector')).toBeVisible();
  await page
    .getByTestId('note-inspector')
    .getByRole('textbox', { name: 'Text' })
    .fill('# Why\nAmounts over **100** are *big*\n\n- ask finance\n- then ship');
  const note = designer.canvas.getByTestId('note-note1');
  await expect(note.locator('h3')).toHaveText('Why');
  await expect(note.locator('strong')).toHaveText('100');
  await expect(note.locator('em')).toHaveText('big');
  await expect(note.locator('li')).toHaveCount(2);

  // Two nodes grouped, renamed from the group's menu, then collapsed from its title bar.
  await designer.nodeCard('big').click();
  await designer.nodeCard('small').click({ modifiers: ['Shift'] });
  await designer.inspector.getByRole('button', { name: 'Group' }).click();
  await expect(page.getByTestId('group-inspector')).toBeVisible();
  await page.getByTestId('group-inspector').getByRole('textbox', { name: 'Name' }).fill('Outcomes');
  const group = designer.canvas.getByTestId('group-group1');
  await expect(group).toContainText('Outcomes');
  await designer.clearSelection();
  await designer.screenshot('note-and-group');
  await group.getByRole('button', { name: 'Collapse group Outcomes' }).click();
  await expect(designer.nodeCard('big')).toBeHidden();
  await expect(group).toContainText('2 nodes · 2 connections');
  // The edges into the group end at its box.
  await expect(designer.canvas.locator('[data-id="check:true->big@group"] path').first()).toBeVisible();
  await designer.screenshot('group-collapsed');

  // Dragging the note moves it (one undoable step, saved with the file).
  const noteBefore = await boxOf(note);
  await page.mouse.move(noteBefore.x + 30, noteBefore.y + 10);
  await page.mouse.down();
  await page.mouse.move(noteBefore.x + 90, noteBefore.y - 30, { steps: 6 });
  await page.mouse.up();

  await designer.save();
  const saved = await readFile(serve.workspace, file);
  expect(saved.annotations?.groups).toEqual([
    { id: 'group1', name: 'Outcomes', nodes: ['big', 'small'], collapsed: true },
  ]);
  expect(saved.annotations?.notes?.[0]).toMatchObject({ id: 'note1', text: expect.stringContaining('# Why') });
  // The validator ignores annotations: the file is as valid as before.
  await expect(designer.problems).toContainText('No problems');

  await page.reload();
  await designer.waitForWorkflow(file);
  await expect(designer.canvas.getByTestId('group-group1')).toContainText('Outcomes');
  await expect(designer.nodeCard('big')).toBeHidden();
  await expect(designer.canvas.getByTestId('note-note1').locator('h3')).toHaveText('Why');
  await designer.canvas.getByRole('button', { name: 'Expand group Outcomes' }).click();
  await expect(designer.nodeCard('big')).toBeVisible();
  await expect(designer.canvas.locator('[data-id="check:true->big"] path').first()).toBeVisible();
  const exported = await designer.export();
  expect((JSON.parse(exported.text) as Workflow).annotations?.notes).toHaveLength(1);
  await designer.button('btn-theme').click();
  await designer.screenshot('note-and-group-dark');
});

test('the context menu acts on nodes, edges and the pane', async ({ page, serve }) => {
  const file = await seedWorkflow(serve, 'comfort-menu.flow.json', conditionDoc('comfort-menu'));
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);
  await designer.nodeCard('check').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Canvas actions' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Duplicate', 'Group', 'Delete']);
  await designer.screenshot('context-menu-node');
  await menu.getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect(designer.nodeCard('check1')).toBeVisible();
  await designer.nodeCard('check1').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(designer.nodeCard('check1')).toHaveCount(0);

  // An edge: its label is on the path; right-click the path's middle.
  const edges = await designer.edges().count();
  // The middle of an edge's curve is the middle between its handles (the curve is symmetric).
  const from = await boxOf(designer.outputHandle('check', 'false'));
  const to = await boxOf(designer.inputHandle('small'));
  const x = (from.x + from.width / 2 + to.x + to.width / 2) / 2;
  const y = (from.y + from.height / 2 + to.y + to.height / 2) / 2;
  await page.mouse.click(x, y, { button: 'right' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Delete connection']);
  await menu.getByRole('menuitem', { name: 'Delete connection' }).click();
  await expect(designer.edges()).toHaveCount(edges - 1);

  await designer.pane.click({ button: 'right', position: { x: 40, y: 40 } });
  await expect(menu.getByRole('menuitem', { name: 'Auto-layout' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
});

test('a second edge out of one port offers a parallel block', async ({ page, serve }) => {
  const doc = blankDoc('comfort-split', 'Split');
  doc.nodes.push(
    { id: 'a', kind: 'log', config: { message: 'a' }, position: { x: 300, y: -100 } },
    { id: 'b', kind: 'log', config: { message: 'b' }, position: { x: 300, y: 140 } },
  );
  doc.edges.push({ from: 'start', to: 'a' });
  const file = await seedWorkflow(serve, 'comfort-split.flow.json', doc);
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);
  await designer.dragBetween(designer.outputHandle('start'), designer.inputHandle('b'));
  await expect(designer.refusedBanner).toContainText('is already connected');
  await designer.screenshot('split-offer');
  await designer.refusedBanner.getByRole('button', { name: 'Insert a parallel block' }).click();
  await expect(designer.nodeCard('parallel1')).toBeVisible();
  await expect(designer.edges()).toHaveCount(3);
  await designer.save();
  const saved = await readFile(serve.workspace, file);
  expect(saved.edges).toEqual([
    { from: 'start', to: 'parallel1' },
    { from: 'parallel1', to: 'a' },
    { from: 'parallel1', to: 'b' },
  ]);
  // Undo takes the whole block back in one step.
  await designer.button('btn-undo').click();
  await expect(designer.nodeCard('parallel1')).toHaveCount(0);
  await expect(designer.edges()).toHaveCount(1);
});

test('auto-layout refits the view; a file without positions is laid out once and saved laid out', async ({
  page,
  serve,
}) => {
  const doc = conditionDoc('comfort-layout');
  for (const node of doc.nodes) delete node.position;
  const source = join(serve.dir, 'comfort-layout.flow.json');
  writeFileSync(source, JSON.stringify(doc));
  const designer = new DesignerPage(page, serve.url);
  await designer.goto('order-approval.flow.json');
  await page.getByTestId('import-input').setInputFiles(source);
  await designer.waitForWorkflow('comfort-layout.flow.json');
  await expect(designer.overlappingNodes()).resolves.toEqual([]);
  await expect(designer.dirtyMarker()).toHaveCount(0);
  const saved = await readFile(serve.workspace, 'comfort-layout.flow.json');
  expect(saved.nodes.every((n) => n.position !== undefined)).toBe(true);

  // Zoomed in on a corner, auto-layout brings the whole workflow back into view.
  for (let i = 0; i < 4; i++) await designer.canvas.getByRole('button', { name: 'Zoom In' }).click();
  await designer.waitForCanvasIdle();
  await designer.button('btn-layout').click();
  await designer.waitForCanvasIdle();
  const canvas = await boxOf(designer.canvas);
  for (const id of ['start', 'check', 'big', 'small']) {
    const card = await boxOf(designer.nodeCard(id));
    expect(card.x >= canvas.x && card.x + card.width <= canvas.x + canvas.width, id).toBe(true);
  }
  await designer.screenshot('layout-refit');
});
