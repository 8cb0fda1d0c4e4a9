import { DesignerPage } from './pages/designer-page.js';
import { conditionDoc, seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

test.describe('an empty workspace', () => {
  test.use({ seedExamples: false });

  test('says there are no workflows yet and offers to create or import one', async ({ page, serve }) => {
    const designer = new DesignerPage(page, serve.url);
    await designer.goto();
    await expect(designer.emptyState).toContainText('No workflows yet — create one or import a .flow.json');
    await expect(designer.emptyState.getByRole('button', { name: 'New workflow' })).toBeEnabled();
    await expect(page.getByTestId('workflows-empty')).toContainText('No workflows yet');
    await expect(designer.docTitle()).toHaveText('No workflow open');
    await expect(designer.inspector).toContainText('Open or create a workflow');
    // Nothing to drop nodes into yet, nothing to save or export.
    await expect(designer.paletteItem('transform')).toHaveAttribute('aria-disabled', 'true');
    await expect(designer.button('btn-save')).toBeDisabled();
    await expect(designer.button('btn-export')).toBeDisabled();
    await expect(designer.canvas).toHaveCount(0);
    await designer.screenshot('empty-state');
  });
});

test.describe('views', () => {
  let designer: DesignerPage;

  test.beforeEach(async ({ page, serve }) => {
    const file = await seedWorkflow(serve, 'amount-check.flow.json', conditionDoc('amount-check'));
    designer = new DesignerPage(page, serve.url);
    await designer.goto(file);
  });

  test('the dark theme toggles, and stays after a reload', async ({ page }) => {
    const html = page.locator('html');
    const toggle = designer.button('btn-theme');
    await expect(html).toHaveAttribute('data-theme', 'light');
    await expect(toggle).toHaveAccessibleName('Switch to dark theme');

    await toggle.click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(toggle).toHaveAccessibleName('Switch to light theme');
    await expect(designer.canvas.locator('.react-flow')).toHaveClass(/\bdark\b/);
    await designer.selectNode('check');
    await designer.screenshot('dark-theme');

    await page.reload();
    await designer.waitForWorkflow('amount-check.flow.json');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await toggle.click();
    await expect(html).toHaveAttribute('data-theme', 'light');
  });

  test('the statechart view shows the compiled machine of the open workflow', async () => {
    await designer.button('btn-statechart').click();
    await expect(designer.button('btn-statechart')).toHaveAttribute('aria-pressed', 'true');
    await expect(designer.statechart).toBeVisible();
    await expect(designer.statechart).toHaveAccessibleName('Statechart');
    const json = designer.statechart.getByTestId('statechart-json');
    await expect(json).toContainText('"id": "amount-check"');
    for (const state of ['start', 'check', 'big', 'small']) await expect(json).toContainText(`"${state}"`);
    await designer.screenshot('statechart');

    await designer.statechart.getByRole('button', { name: 'Close' }).click();
    await expect(designer.statechart).toHaveCount(0);
    await expect(designer.button('btn-statechart')).toHaveAttribute('aria-pressed', 'false');
  });
});
