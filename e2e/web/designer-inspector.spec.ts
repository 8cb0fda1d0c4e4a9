import { DesignerPage } from './pages/designer-page.js';
import { conditionDoc, seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

test.describe('inspector', () => {
  let designer: DesignerPage;

  test.beforeEach(async ({ page, serve }) => {
    const file = await seedWorkflow(serve, 'amount-check.flow.json', conditionDoc('amount-check'));
    designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
    await expect(designer.nodeSummary('check')).toHaveText('input.amount > 100');
  });

  test('editing a condition in the inspector shows on the node', async () => {
    await designer.selectNode('check');
    await expect(designer.codeField('When')).toHaveText('input.amount > 100');
    await designer.setCodeField('When', 'input.amount >= 500');
    await expect(designer.nodeSummary('check')).toHaveText('input.amount >= 500');
    await expect(designer.dirtyMarker()).toBeVisible();

    await designer.inspector.getByLabel('Label', { exact: true }).fill('Is it big?');
    await expect(designer.nodeCard('check')).toContainText('Is it big?');
    await designer.screenshot('inspector');
  });

  test('a bad expression marks the node and lists the problem', async () => {
    await expect(designer.errorCount()).toHaveText('0');
    await designer.selectNode('check');
    await designer.setCodeField('When', 'input.amount > (');

    await expect(designer.nodeCard('check')).toHaveClass(/\bhas-errors\b/);
    await expect(designer.nodeBadge('check')).toHaveAccessibleName('1 error');
    await expect(designer.errorCount()).toHaveText('1');
    const row = designer.problemRows().filter({ hasText: 'node check' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('BAD_EXPRESSION');
    await expect(designer.fieldProblems().first()).toBeVisible();
    await designer.screenshot('validation-error');

    // The problem names the node: clicking it selects that node.
    await designer.clearSelection();
    await row.click();
    await expect(designer.page.getByTestId('inspector-id')).toHaveValue('check');

    await designer.setCodeField('When', 'input.amount > 1');
    await expect(designer.nodeCard('check')).not.toHaveClass(/\bhas-errors\b/);
    await expect(designer.nodeBadge('check')).toHaveCount(0);
    await expect(designer.errorCount()).toHaveText('0');
  });

  test('undo and redo cover canvas and inspector edits', async () => {
    const undo = designer.button('btn-undo');
    const redo = designer.button('btn-redo');
    await expect(undo).toBeDisabled();

    // A canvas edit: a node added from the palette.
    await designer.paletteItem('log').click();
    await expect(designer.nodeCard('log1')).toBeVisible();
    // An inspector edit: typing into the condition (one undo step however many keys).
    await designer.selectNode('check');
    await designer.setCodeField('When', 'input.amount > 9000');
    await expect(designer.nodeSummary('check')).toHaveText('input.amount > 9000');

    await undo.click();
    await expect(designer.nodeSummary('check')).toHaveText('input.amount > 100');
    await expect(designer.codeField('When')).toHaveText('input.amount > 100');
    await expect(designer.nodeCard('log1')).toBeVisible();

    await undo.click();
    await expect(designer.nodeCard('log1')).toHaveCount(0);
    await expect(undo).toBeDisabled();
    await expect(designer.dirtyMarker()).toHaveCount(0);

    await redo.click();
    await expect(designer.nodeCard('log1')).toBeVisible();
    await redo.click();
    await expect(designer.nodeSummary('check')).toHaveText('input.amount > 9000');
    await expect(redo).toBeDisabled();

    // The keyboard shortcuts do the same, outside a text field.
    await designer.clearSelection();
    await designer.page.keyboard.press('ControlOrMeta+z');
    await expect(designer.nodeSummary('check')).toHaveText('input.amount > 100');
    await designer.page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(designer.nodeSummary('check')).toHaveText('input.amount > 9000');
  });
});
