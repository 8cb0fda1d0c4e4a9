import { RunsApp } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

test('Preferences show the run store the server was started on, without a way to switch it', async ({
  page,
  serve,
}) => {
  const app = new RunsApp(page, serve);
  await app.gotoRuns();
  await page.getByRole('button', { name: 'Preferences' }).click();
  const store = page.getByTestId('prefs-store');
  await expect(store).toContainText('SQLite file');
  await expect(store.getByTestId('prefs-store-location')).toHaveText(serve.db);
  await expect(store).toContainText('Chosen when the server started');
  await expect(store).toContainText('--store');
  // Switching belongs to the desktop app: a server keeps the store it was started on.
  await expect(store.getByLabel('Store URL')).toHaveCount(0);
  await app.shot('preferences-store');
});
