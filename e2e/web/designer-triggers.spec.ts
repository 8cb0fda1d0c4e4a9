import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DesignerPage } from './pages/designer-page.js';
import { TriggersSection } from './pages/triggers-section.js';
import { blankDoc, seedWorkflow } from './pages/workflows.js';
import { expect, test } from './serve-fixture.js';

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
});
