import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

test.describe('running a workflow from the designer', () => {
  // The server's OS user is one of the example's approvers.
  test.use({ user: 'ana' });

  test('starts a run with input, highlights it live, and an approval from the inbox finishes it', async ({
    page,
    serve,
  }) => {
    const app = new RunsApp(page, serve);
    await app.prepare({ lastFile: 'order-approval.flow.json' });
    await page.goto(serve.url);
    await expect(page.getByTestId('canvas').locator('.react-flow__node').first()).toBeVisible();

    // The input form comes from the workflow's input schema and is checked before it is sent.
    await page.getByTestId('btn-run').click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByLabel('amount').fill('a lot');
    await dialog.getByTestId('run-start').click();
    await expect(dialog.getByRole('alert')).toHaveText('Enter a number');
    await dialog.getByLabel('amount').fill('1500');
    await dialog.getByLabel('customer').fill('ACME');
    await dialog.getByTestId('run-start').click();

    // The run opens at once and shows where it stands.
    await expect(app.runView).toBeVisible();
    await expect(page).toHaveURL(/#\/runs\/r_/);
    const runId = (await page.getByTestId('run-id').textContent()) ?? '';
    await app.expectRunStatus('waiting');
    await app.expectStatuses({ start: 'completed', check: 'completed', boss: 'waiting', auto: 'idle', done: 'idle' });
    await expect(app.node('boss').getByTestId('run-badge')).toContainText('waiting');
    await expect(page.getByTestId('timeline-live')).toHaveAttribute('aria-pressed', 'true');
    await expect(app.event(7)).toContainText('approval.requested');
    await expect(app.event(7)).toContainText('Approve order of 1500 for ACME?');
    await app.shot('run-view-live');

    // A second waiting approval, so the inbox has more than one.
    await serve.api<Outcome>('startRun', {
      file: 'order-approval.flow.json',
      input: { amount: 98000, customer: 'Globex' },
    });

    // The inbox lists both; the user is the server's OS user, an approver.
    await page.getByTestId('nav-inbox').click();
    await expect(page.getByTestId('inbox-count')).toHaveText('2');
    const card = page.getByTestId(`approval-${runId}-boss`);
    await expect(card).toContainText('Approve order of 1500 for ACME?');
    await expect(card).toContainText('manager');
    await expect(page.getByTestId('toolbar-user')).toHaveText('ana');
    await expect(card.getByTestId(`approval-as-${runId}-boss`)).toHaveText('as ana');
    await expect(card.getByTestId(`approve-${runId}-boss`)).toBeEnabled();
    await app.shot('inbox');

    await card.getByRole('textbox').fill('within budget');
    await card.getByTestId(`approve-${runId}-boss`).click();
    await expect(card).toHaveCount(0);
    await expect(page.getByTestId('inbox-count')).toHaveText('1');

    // The run went on: its canvas shows the path it took to the end.
    await page.getByTestId('nav-runs').click();
    await page.getByTestId(`run-row-${runId}`).click();
    await app.waitForRun(runId);
    await app.expectRunStatus('completed');
    await app.expectStatuses({ boss: 'completed', done: 'completed', auto: 'idle', expired: 'idle' });
    await expect(page.getByTestId('run-output')).toContainText('"ana"');
    const decided = await app.seqOf(runId, 'approval.decided');
    await expect(app.event(decided)).toContainText('approved by ana: “within budget”');
  });

  test('shows the server refusing an input inline, and a run that completes while one watches', async ({
    page,
    serve,
  }) => {
    await serve.api('saveWorkflow', {
      file: 'ticket-nap.flow.json',
      workflow: {
        format: 'switchyard/workflow@1',
        id: 'ticket-nap',
        name: 'Ticket after a nap',
        version: 1,
        input: {
          type: 'object',
          properties: { code: { type: 'string', pattern: '^[A-Z]{3}$' }, waitMs: { type: 'number' } },
          required: ['code', 'waitMs'],
        },
        nodes: [
          { id: 'start', kind: 'start' },
          { id: 'nap', kind: 'delay', config: { ms: 'input.waitMs' } },
          { id: 'done', kind: 'end', config: { output: 'input.code' } },
        ],
        edges: [
          { from: 'start', to: 'nap' },
          { from: 'nap', to: 'done' },
        ],
      },
    });
    const app = new RunsApp(page, serve);
    await app.prepare({ lastFile: 'ticket-nap.flow.json' });
    await page.goto(serve.url);
    await expect(page.getByTestId('canvas').locator('.react-flow__node').first()).toBeVisible();
    await page.getByTestId('btn-run').click();
    const dialog = page.getByTestId('run-dialog');
    // The form knows types; patterns are the server's to check, and its answer shows in the form.
    await dialog.getByLabel('code').fill('abc');
    await dialog.getByLabel('waitMs').fill('1500');
    await dialog.getByTestId('run-start').click();
    await expect(dialog.getByTestId('run-error')).toContainText('code');

    await dialog.getByLabel('code').fill('ABC');
    await dialog.getByTestId('run-start').click();
    await expect(app.runView).toBeVisible();
    // The delay is live on the canvas while it lasts, then the run completes without a reload.
    await app.expectStatuses({ start: 'completed', nap: 'waiting', done: 'idle' });
    await app.expectRunStatus('running');
    await app.expectRunStatus('completed');
    await app.expectStatuses({ nap: 'completed', done: 'completed' });
    await expect(page.getByTestId('run-output')).toContainText('"ABC"');
  });
});
