import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workflow } from '#shared';
import { DesignerPage } from './pages/designer-page.js';
import { TriggersSection } from './pages/triggers-section.js';
import { blankDoc, seedWorkflow } from './pages/workflows.js';
import { RunsApp } from './runs-app.js';
import { expect, test, type ServeInstance } from './serve-fixture.js';

/** start → end, called by a webhook anyone on loopback may call. */
function hookedDoc(): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id: 'hooked',
    name: 'Hooked',
    version: 1,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      { id: 'done', kind: 'end', config: { output: 'input' }, position: { x: 240, y: 0 } },
    ],
    edges: [{ from: 'start', to: 'done' }],
    triggers: [{ id: 'orders-hook', kind: 'webhook', path: 'orders/new', auth: { type: 'none' } }],
  };
}

/** Calls the webhook until serve has picked up the saved file (within two seconds) and started a run. */
async function callHook(serve: ServeInstance, path: string): Promise<string> {
  let runId = '';
  await expect
    .poll(
      async () => {
        const response = await fetch(`${serve.url}/hooks/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ order: 7 }),
        });
        if (response.status !== 202) return response.status;
        runId = ((await response.json()) as { data: { runId: string } }).data.runId;
        return 202;
      },
      { timeout: 15_000 },
    )
    .toBe(202);
  return runId;
}

test.describe('triggers in the designer', () => {
  test('adds a schedule and a webhook in the inspector, shows them on the start node, saves them', async ({
    page,
    serve,
  }) => {
    const file = await seedWorkflow(serve, 'nightly.flow.json', blankDoc('nightly', 'Nightly report'));
    const designer = new DesignerPage(page, serve.url);
    const triggers = new TriggersSection(page);
    await designer.goto(file);
    await expect(designer.nodeCard('start').getByTestId('trigger-badges')).toHaveCount(0);

    await triggers.add('schedule');
    await expect(designer.dirtyMarker()).toBeVisible();
    await triggers.field(0, 'Cron').fill('0 9 * * 1-5');
    await triggers.field(0, 'Time zone').fill('Europe/Berlin');
    await expect(triggers.reading(0)).toHaveText('At 09:00, Monday through Friday (Europe/Berlin)');
    await expect(triggers.nextFires(0)).toHaveCount(5);
    for (const fire of await triggers.nextFires(0).allTextContents())
      expect(fire).toMatch(/^(Mon|Tue|Wed|Thu|Fri), .* 09:00 CES?T$/);
    await expect(designer.nodeCard('start').getByTestId('trigger-badge-schedule')).toBeVisible();
    await designer.screenshot('triggers-schedule');

    await triggers.field(0, 'Cron').fill('0 25 * * *');
    await expect(triggers.problems(0)).toContainText('invalid cron expression "0 25 * * *"');
    await expect(triggers.reading(0)).toHaveCount(0);
    await expect(triggers.nextFires(0)).toHaveCount(0);
    await designer.screenshot('triggers-bad-cron');
    await triggers.field(0, 'Cron').fill('30 7 * * *');
    await expect(triggers.problems(0)).toHaveCount(0);
    await expect(triggers.reading(0)).toHaveText('At 07:30 (Europe/Berlin)');

    await triggers.add('webhook');
    // Adding is one undo step.
    await designer.button('btn-undo').click();
    await expect(triggers.card(1)).toHaveCount(0);
    await designer.button('btn-redo').click();
    await triggers.field(1, 'Path').fill('reports/nightly');
    await expect(triggers.url(1)).toHaveText(`POST ${serve.url}/hooks/reports/nightly`);
    await triggers.field(1, 'Auth').selectOption('bearer');
    await triggers.field(1, 'Secret name').fill('REPORT_HOOK');

    const badges = designer.nodeCard('start').getByTestId('trigger-badges');
    await expect(badges.getByTestId('trigger-badge-webhook')).toBeVisible();
    await badges.hover();
    const tooltip = page.getByTestId('trigger-tooltip');
    await expect(tooltip).toContainText('schedule1: At 07:30 (Europe/Berlin)');
    await expect(tooltip).toContainText('webhook1: POST /hooks/reports/nightly');
    await designer.screenshot('triggers-webhook');

    await designer.save();
    const saved = JSON.parse(readFileSync(join(serve.workspace, file), 'utf8')) as { triggers?: unknown };
    expect(saved.triggers).toEqual([
      { id: 'schedule1', kind: 'schedule', cron: '30 7 * * *', timezone: 'Europe/Berlin' },
      {
        id: 'webhook1',
        kind: 'webhook',
        path: 'reports/nightly',
        auth: { type: 'bearer', secret: 'REPORT_HOOK' },
      },
    ]);
  });

  test('a run started by a webhook shows its trigger and can be filtered by it', async ({ page, serve }) => {
    const doc = hookedDoc();
    await seedWorkflow(serve, 'hooked.flow.json', doc);
    const { runId: manual } = await serve.api<{ runId: string }>('startRun', { workflow: doc, input: {} });
    const hooked = await callHook(serve, 'orders/new');

    const runs = new RunsApp(page, serve);
    await runs.gotoRuns();
    const hookedRow = page.getByTestId(`run-row-${hooked}`);
    await expect(hookedRow.getByTestId('run-trigger')).toHaveText('orders-hook');
    await expect(page.getByTestId(`run-row-${manual}`)).toBeVisible();
    await expect(page.getByTestId(`run-row-${manual}`).getByTestId('run-trigger')).toHaveCount(0);

    await page.getByTestId('filter-trigger').selectOption('orders-hook');
    await expect(page.getByTestId(`run-row-${manual}`)).toHaveCount(0);
    await expect(hookedRow).toBeVisible();
    await runs.shot('runs-trigger-filter');

    await hookedRow.click();
    await runs.waitForRun(hooked);
    await expect(page.getByTestId('run-header').getByTestId('run-trigger')).toContainText(/orders-hook· called \d{4}-/);
    await runs.shot('run-header-trigger');
  });
});
