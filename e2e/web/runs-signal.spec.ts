import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

test.describe('signals and cancelling from the run view', () => {
  test('sends a signal with a JSON payload to a waiting run, which goes on to the end', async ({ page, serve }) => {
    const { runId, waitingOn } = await serve.api<Outcome>('startRun', {
      file: 'payment-signal.flow.json',
      input: { email: 'ana@example.com' },
    });
    expect(waitingOn).toEqual([expect.objectContaining({ node: 'payment', kind: 'wait' })]);
    const app = new RunsApp(page, serve);
    await app.gotoRun(runId);
    await app.expectStatuses({ invoice: 'completed', payment: 'waiting', thanks: 'idle' });

    await page.getByTestId('btn-signal').click();
    const dialog = page.getByTestId('signal-dialog');
    await expect(dialog.getByLabel('Event')).toHaveValue('paid');
    await dialog.getByLabel('Payload (JSON)').fill('{ "amount": ');
    await dialog.getByRole('button', { name: 'Send signal' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Not valid JSON');
    await dialog.getByLabel('Payload (JSON)').fill('{ "amount": 42 }');
    await dialog.getByRole('button', { name: 'Send signal' }).click();
    await expect(dialog).toHaveCount(0);

    await app.expectRunStatus('completed');
    await app.expectStatuses({ payment: 'completed', thanks: 'completed', cancelled: 'idle' });
    await expect(page.getByTestId('run-output')).toContainText('42');
    await expect(page.getByTestId('btn-signal')).toHaveCount(0);
  });

  test('cancels a waiting run after asking', async ({ page, serve }) => {
    const { runId } = await serve.api<Outcome>('startRun', { file: 'payment-signal.flow.json', input: {} });
    const app = new RunsApp(page, serve);
    await app.gotoRun(runId);
    await page.getByTestId('btn-cancel-run').click();
    await page.getByRole('dialog', { name: 'Cancel this run?' }).getByRole('button', { name: 'Cancel run' }).click();
    await app.expectRunStatus('cancelled');
    await app.expectStatuses({ payment: 'cancelled' });
    await expect(page.getByTestId('btn-cancel-run')).toHaveCount(0);
  });
});
