import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWithCli } from './pages/cli.js';
import { DesignerPage } from './pages/designer-page.js';
import { blankDoc, conditionDoc, seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

interface SavedDoc {
  format?: unknown;
  id?: unknown;
  nodes?: { id: string; config?: Record<string, unknown> }[];
  edges?: unknown[];
  statechart?: unknown;
}

function readDoc(path: string): SavedDoc {
  return JSON.parse(readFileSync(path, 'utf8')) as SavedDoc;
}

function configOf(doc: SavedDoc, node: string, key: string): unknown {
  return doc.nodes?.find((n) => n.id === node)?.config?.[key];
}

test('save writes the workspace file; reload and reopening show the same document', async ({ page, serve }) => {
  const file = await seedWorkflow(serve, 'amount-check.flow.json', conditionDoc('amount-check'));
  const onDisk = join(serve.workspace, file);
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);

  await designer.selectNode('check');
  await designer.setCodeField('When', 'input.amount >= 500');
  await designer.paletteItem('log').click();
  await expect(designer.nodeCard('log1')).toBeVisible();
  expect(configOf(readDoc(onDisk), 'check', 'when')).toBe('input.amount > 100');

  await designer.save();
  const saved = readDoc(onDisk);
  expect(configOf(saved, 'check', 'when')).toBe('input.amount >= 500');
  expect(saved.nodes?.map((n) => n.id)).toEqual(['start', 'check', 'big', 'small', 'log1']);
  expect(saved.edges).toHaveLength(3);

  const expectSameDocument = async (): Promise<void> => {
    await expect(designer.docTitle()).toContainText('Amount check');
    await expect(designer.dirtyMarker()).toHaveCount(0);
    await expect(designer.nodes()).toHaveCount(5);
    await expect(designer.edges()).toHaveCount(3);
    await expect(designer.nodeSummary('check')).toHaveText('input.amount >= 500');
    await expect(designer.nodeCard('log1')).toBeVisible();
  };

  await page.reload();
  await designer.waitForWorkflow(file);
  await expectSameDocument();

  await designer.openFromList('order-approval.flow.json');
  await expect(designer.docTitle()).toContainText('Order approval');
  await designer.openFromList(file);
  await expectSameDocument();
});

test('a workflow drawn in the designer exports to a file the CLI runs', async ({ page, serve }) => {
  const file = await seedWorkflow(serve, 'doubler.flow.json', blankDoc('doubler', 'Doubler'));
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);

  // start → transform1 (n * 2) → end1 (+ 1); dropped below the empty-canvas hint, which takes no drops.
  await designer.dragFromPalette('transform', { x: 0.7, y: 0.45 });
  await designer.setCodeField('Output', 'input.n * 2');
  await designer.dragFromPalette('end', { x: 0.3, y: 0.8 });
  await designer.setCodeField('Output', 'steps.transform1.output + 1');
  await designer.dragBetween(designer.outputHandle('start'), designer.inputHandle('transform1'));
  await designer.dragBetween(designer.outputHandle('transform1', 'out'), designer.inputHandle('end1'));
  await expect(designer.edges()).toHaveCount(2);
  await expect(designer.problems).toContainText('No problems');

  // Export saves first, then downloads the exportable file.
  const exported = await designer.export();
  expect(exported.name).toBe('doubler.flow.json');
  const doc = JSON.parse(exported.text) as SavedDoc;
  expect(doc.format).toBe('switchyard/workflow@1');
  expect(doc.id).toBe('doubler');
  expect(doc.statechart).toBeDefined();
  expect(doc.nodes?.map((n) => n.id)).toEqual(['start', 'transform1', 'end1']);
  await expect(designer.dirtyMarker()).toHaveCount(0);

  const path = join(serve.dir, exported.name);
  writeFileSync(path, exported.text);
  const result = await runWithCli(path, serve.dir, { n: 20 });
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.outcome).toMatchObject({ status: 'completed', output: 41 });
});

test('an exported example runs with the CLI to the same result as on the server', async ({ page, serve }) => {
  const file = 'ticket-router.flow.json';
  const designer = new DesignerPage(page, serve.url);
  await designer.goto(file);
  const exported = await designer.export();
  expect(exported.name).toBe(file);
  expect((JSON.parse(exported.text) as SavedDoc).format).toBe('switchyard/workflow@1');

  const path = join(serve.dir, `exported-${file}`);
  writeFileSync(path, exported.text);
  const input = { priority: 'low', topic: 'billing' };
  const result = await runWithCli(path, serve.dir, input);
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.outcome).toMatchObject({ status: 'completed', output: 'billing-queue' });
  const onServer = await serve.api<{ status: string; output: unknown }>('startRun', { file, input });
  expect(onServer).toMatchObject({ status: 'completed', output: 'billing-queue' });
});
