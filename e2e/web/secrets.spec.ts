import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunsApp } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

const ENV_VALUE = 'env-value-9QxT';
const FILE_VALUE = 'file-value-3LmR';
const NEW_VALUE = 'new-value-7HvK';

test.describe('the Secrets panel (serve --secrets FILE)', () => {
  test.use({ secrets: { env: { API_TOKEN: ENV_VALUE }, file: { DB_PASSWORD: FILE_VALUE } } });

  test('lists names and sources, sets, replaces and deletes values, and never shows one', async ({ page, serve }) => {
    const app = new RunsApp(page, serve);
    await app.gotoRuns();
    await page.getByTestId('btn-secrets').click();
    const dialog = page.getByTestId('secrets-dialog');
    await expect(dialog.getByTestId('secret-API_TOKEN')).toContainText('environment');
    await expect(dialog.getByTestId('secret-DB_PASSWORD')).toContainText('secrets file');
    // An environment secret is the server's: it cannot be changed from here.
    await expect(dialog.getByTestId('secret-delete-API_TOKEN')).toBeDisabled();

    await dialog.getByTestId('secret-name').fill('new_token');
    await expect(dialog.getByTestId('secret-name')).toHaveValue('NEW_TOKEN');
    await dialog.getByTestId('secret-value').fill(NEW_VALUE);
    await dialog.getByTestId('secret-save').click();
    await expect(dialog.getByTestId('secret-NEW_TOKEN')).toContainText('secrets file');
    await expect(dialog.getByTestId('secret-value')).toHaveValue('');
    await dialog.getByTestId('secret-delete-DB_PASSWORD').click();
    await expect(dialog.getByTestId('secret-DB_PASSWORD')).toHaveCount(0);
    await app.shot('secrets-panel');

    const file = JSON.parse(readFileSync(join(serve.dir, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(file).toEqual({ NEW_TOKEN: NEW_VALUE });
    const html = await page.content();
    for (const value of [ENV_VALUE, FILE_VALUE, NEW_VALUE]) expect(html).not.toContain(value);
  });
});

test.describe('the Secrets panel without a secrets file', () => {
  test.use({ secrets: { env: { API_TOKEN: ENV_VALUE } } });

  test('shows the environment secrets read-only and says how to make them editable', async ({ page, serve }) => {
    const app = new RunsApp(page, serve);
    await app.gotoRuns();
    await page.getByTestId('btn-secrets').click();
    const dialog = page.getByTestId('secrets-dialog');
    await expect(dialog.getByTestId('secret-API_TOKEN')).toContainText('environment');
    await expect(dialog.getByTestId('secrets-readonly')).toContainText('start it with --secrets FILE');
    await expect(dialog.getByTestId('secret-name')).toBeDisabled();
    await expect(dialog.getByTestId('secret-save')).toBeDisabled();
  });
});
