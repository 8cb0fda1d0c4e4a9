import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workflow } from '#shared';
import { DesignerPage } from './pages/designer-page.js';
import { seedWorkflow } from './pages/workflows.js';
import type { Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

/** Invoices over a threshold need approval; smaller ones go through at once. */
function invoiceDoc(): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id: 'invoice',
    name: 'Invoice approval',
    version: 1,
    input: {
      type: 'object',
      properties: { amount: { type: 'number', minimum: 0 }, customer: { type: 'string' } },
      required: ['amount'],
    },
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 96 } },
      { id: 'check', kind: 'condition', config: { when: 'input.amount > 1000' }, position: { x: 200, y: 72 } },
      { id: 'boss', kind: 'approval', config: { title: 'Approve {{ input.amount }}?' }, position: { x: 500, y: 0 } },
      { id: 'done', kind: 'end', config: { output: 'steps.boss.output.decision' }, position: { x: 800, y: 24 } },
      { id: 'auto', kind: 'end', config: { output: "'auto-approved'" }, position: { x: 800, y: 200 } },
    ],
    edges: [
      { from: 'start', to: 'check' },
      { from: 'check', port: 'true', to: 'boss' },
      { from: 'check', port: 'false', to: 'auto' },
      { from: 'boss', port: 'approved', to: 'done' },
      { from: 'boss', port: 'rejected', to: 'done' },
    ],
  };
}

/** v2: small invoices are logged first, and the approval's end is called `approved`. */
function invoiceV2(): Workflow {
  const v1 = invoiceDoc();
  return {
    ...v1,
    nodes: [
      ...v1.nodes.filter((n) => n.id !== 'done'),
      { id: 'audit', kind: 'log', config: { message: 'auto {{ input.amount }}' }, position: { x: 500, y: 200 } },
      { id: 'approved', kind: 'end', config: { output: 'steps.boss.output.decision' }, position: { x: 800, y: 24 } },
    ],
    edges: [
      { from: 'start', to: 'check' },
      { from: 'check', port: 'true', to: 'boss' },
      { from: 'check', port: 'false', to: 'audit' },
      { from: 'audit', to: 'auto' },
      { from: 'boss', port: 'approved', to: 'approved' },
      { from: 'boss', port: 'rejected', to: 'approved' },
    ],
  };
}

const onDisk = (workspace: string, file: string): Workflow =>
  JSON.parse(readFileSync(join(workspace, file), 'utf8')) as Workflow;

test.describe('input schema and versions', () => {
  test('edits the input schema as fields, keeping what the editor does not show', async ({ page, serve }) => {
    const file = await seedWorkflow(serve, 'invoice.flow.json', invoiceDoc());
    const designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    const input = page.getByTestId('input-schema-section');
    await expect(input.getByTestId('input-field-0').getByLabel('Name')).toHaveValue('amount');
    await expect(input.getByTestId('input-field-0-kept')).toContainText('minimum');

    await input.getByTestId('btn-add-input-field').click();
    const field = input.getByTestId('input-field-2');
    await field.getByLabel('Name').fill('currency');
    await field.getByLabel('Name').press('Enter');
    const currency = input.getByRole('group', { name: 'Input field currency' });
    await currency.getByLabel('Allowed values').fill('EUR, USD');
    await currency.getByLabel('Default').fill('EUR');
    await currency.getByLabel('Required').check();
    await input.getByText('JSON Schema', { exact: true }).click();
    const json = input.getByTestId('input-schema-json');
    await expect(json).toContainText('"currency"');
    await expect(json).toContainText('"minimum": 0');
    await designer.screenshot('input-schema');

    await designer.save();
    const saved = onDisk(serve.workspace, file);
    expect(saved.version).toBe(2);
    expect(saved.input).toEqual({
      type: 'object',
      properties: {
        amount: { type: 'number', minimum: 0 },
        customer: { type: 'string' },
        currency: { type: 'string', enum: ['EUR', 'USD'], default: 'EUR' },
      },
      required: ['amount', 'currency'],
    });

    // The Run form is generated from the same schema.
    await page.getByTestId('btn-run').click();
    await expect(page.getByLabel(/^currency/)).toBeVisible();
  });

  test('keeps every saved version, diffs two on a canvas and replay-checks one against the last runs', async ({
    page,
    serve,
  }) => {
    const file = await seedWorkflow(serve, 'invoice.flow.json', invoiceDoc());
    const small = await serve.api<Outcome>('startRun', { file, input: { amount: 800 } });
    const large = await serve.api<Outcome>('startRun', { file, input: { amount: 2000 } });
    await serve.api('saveWorkflow', { file, workflow: invoiceV2(), bumpVersion: true });

    const designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    const versions = page.getByTestId('versions-section');
    await expect(versions.getByTestId('version-2')).toContainText('current');
    await expect(versions.getByTestId('version-1')).toBeVisible();

    // Moving a node is layout: saving keeps v2.
    const box = await designer.nodeCard('auto').boundingBox();
    if (box === null) throw new Error('node auto is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + 50, { steps: 6 });
    await page.mouse.up();
    await expect(designer.dirtyMarker()).toBeVisible();
    await expect(versions.getByTestId('versions-unsaved')).toContainText('v3');
    await designer.save();
    expect(onDisk(serve.workspace, file).version).toBe(2);
    await expect(versions.getByTestId('version-3')).toHaveCount(0);

    // A changed condition is a new version.
    await designer.selectNode('check');
    await designer.setCodeField('When', 'input.amount > 500');
    await designer.save();
    expect(onDisk(serve.workspace, file).version).toBe(3);
    await designer.clearSelection();
    await expect(versions.getByTestId('version-3')).toContainText('current');
    await expect(page.getByTestId('workflow-inspector')).toContainText('version 3');

    // What changed in v2: a node added, one renamed (removed + added), edges moved.
    await versions.getByTestId('version-2').getByRole('button', { name: 'Diff' }).click();
    const compare = page.getByTestId('version-compare');
    const canvas = compare.getByTestId('diff-canvas');
    await expect(canvas.locator('.react-flow__node.diff-added')).toHaveCount(2);
    await expect(canvas.locator('.react-flow__node.diff-removed')).toHaveCount(1);
    await expect(canvas.locator('.react-flow__node.diff-removed [data-testid="node-done"]')).toBeVisible();
    await expect(compare.getByTestId('diff-count-added')).toContainText('Added 6');
    await expect(compare.getByTestId('diff-changes')).toContainText('node audit');
    await designer.screenshot('version-diff');

    // v2 → v3 changed the condition only.
    await compare.getByLabel('Older version').selectOption('2');
    await compare.getByLabel('Newer version').selectOption('3');
    await expect(canvas.locator('.react-flow__node.diff-changed [data-testid="node-check"]')).toBeVisible();
    await expect(compare.getByTestId('diff-changes')).toHaveText(/node check: config\.when/);
    await page.keyboard.press('Escape');
    await expect(compare).toHaveCount(0);

    // Replay check: the 800 invoice would now go to the approval; the 2000 one goes the same way.
    await versions.getByTestId('version-3').getByRole('button', { name: 'Replay' }).click();
    const check = page.getByTestId('replay-check');
    await check.getByLabel(/Replay the last runs/).fill('10');
    await check.getByRole('button', { name: 'Check' }).click();
    await expect(check.getByTestId('replay-summary')).toHaveText('1 of 2 runs replay clean; 1 would go another way.');
    const diverged = check.getByTestId(`replay-row-${small.runId}`);
    await expect(diverged).toContainText('diverged');
    await expect(diverged).toContainText('check');
    await expect(diverged).toContainText('v1');
    await expect(check.getByTestId(`replay-row-${large.runId}`)).toContainText('clean');
    await designer.screenshot('version-replay-check');
  });
});
