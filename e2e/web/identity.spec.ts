import { LoginPage } from './pages/login-page.js';
import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

test.describe('who decides (serve --users)', () => {
  test.use({
    usersFile: {
      users: [
        { name: 'ana', password: 'ana-password' },
        { name: 'ben', password: 'ben-password', groups: ['sales'] },
      ],
    },
  });

  test('signs in, shows a non-approver why they cannot decide, and lets an approver decide', async ({
    page,
    serve,
  }) => {
    const { runId } = await serve.api<Outcome>('startRun', {
      file: 'order-approval.flow.json',
      input: { amount: 2500, customer: 'ACME' },
    });
    const app = new RunsApp(page, serve);
    const login = new LoginPage(page);

    // A stranger gets the sign-in form, not the app.
    await app.gotoInboxUrl();
    await expect(login.form).toBeVisible();
    await login.signIn('ben', 'wrong');
    await expect(login.error).toHaveText('wrong name or password');
    await app.shot('sign-in');
    await login.signIn('ben', 'ben-password');
    await login.expectSignedInAs('ben');

    // ben is not among the approvers (manager, ana): the buttons are off and say why.
    const card = page.getByTestId(`approval-${runId}-boss`);
    await expect(card).toContainText('Approve order of 2500 for ACME?');
    await expect(card.getByTestId(`approve-${runId}-boss`)).toBeDisabled();
    await expect(card.getByTestId(`reject-${runId}-boss`)).toBeDisabled();
    await expect(card.getByTestId(`approval-as-${runId}-boss`)).toHaveText(
      'ben is not among the approvers of boss: manager, ana',
    );
    await app.shot('inbox-not-an-approver');

    // The run view says so too.
    await app.gotoRun(runId);
    await expect(page.getByTestId('approve-boss')).toBeDisabled();
    await expect(page.getByTestId('why-boss')).toHaveText('not yours to decide');
    await expect(page.getByLabel('Approval boss')).toHaveAttribute(
      'title',
      'ben is not among the approvers of boss: manager, ana',
    );
    await app.shot('run-view-not-an-approver');

    // ana may: she approves from the run view, and the history records her.
    await login.signOut();
    await login.signIn('ana', 'ana-password');
    await login.expectSignedInAs('ana');
    await app.waitForRun(runId);
    await expect(page.getByTestId('approve-boss')).toBeEnabled();
    await expect(page.getByTestId('why-boss')).toHaveCount(0);
    await page.getByTestId('approve-boss').click();
    const dialog = page.getByTestId('decision-dialog');
    await expect(dialog.getByTestId('decision-as')).toHaveText('Recorded as ana');
    await dialog.getByLabel('Comment').fill('fine for ACME');
    await dialog.getByTestId('decision-submit').click();
    await app.expectRunStatus('completed');
    const decided = (await app.history(runId)).find((e) => e.type === 'approval.decided');
    expect(decided?.data).toEqual({ decision: 'approved', by: 'ana', comment: 'fine for ACME' });
    await expect(app.event(decided?.seq ?? 0)).toContainText('approved by ana: “fine for ACME”');
  });

  test('an approver sees enabled buttons in the inbox', async ({ page, serve }) => {
    const { runId } = await serve.api<Outcome>('startRun', {
      file: 'order-approval.flow.json',
      input: { amount: 1800, customer: 'Globex' },
    });
    const app = new RunsApp(page, serve);
    const login = new LoginPage(page);
    await app.gotoInboxUrl();
    await login.signIn('ana', 'ana-password');
    await login.expectSignedInAs('ana');
    const card = page.getByTestId(`approval-${runId}-boss`);
    await expect(card.getByTestId(`approve-${runId}-boss`)).toBeEnabled();
    await expect(card.getByTestId(`approval-as-${runId}-boss`)).toHaveText('as ana');
    await expect(card.locator('.approver-chip.is-me')).toHaveText('ana');
    await app.shot('inbox-approver');
    await card.getByTestId(`reject-${runId}-boss`).click();
    await expect(card).toHaveCount(0);
  });
});
