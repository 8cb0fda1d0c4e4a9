import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunsApp, type Outcome } from './runs-app.js';
import { cliPath, examplesDir, expect, test } from './serve-fixture.js';

const exec = promisify(execFile);

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await exec(process.execPath, [cliPath, ...args], { timeout: 30_000 }).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
  );
  return stdout;
}

test.describe('run bundles', () => {
  test('opens a bundle exported by the CLI from another store, read-only, and steps through it', async ({
    page,
    serve,
  }) => {
    // A run recorded elsewhere: its own store, exported with the CLI.
    const otherDb = join(serve.dir, 'elsewhere.db');
    const ran = await cli(
      'run',
      join(examplesDir, 'ticket-router.flow.json'),
      '--input',
      '{"priority":"urgent"}',
      '--json',
      '--db',
      otherDb,
    );
    const { runId } = JSON.parse(ran.trim().split('\n').at(-1) ?? '{}') as Outcome;
    const bundleFile = join(serve.dir, 'urgent.bundle.json');
    await cli('export-run', runId, '--out', bundleFile, '--db', otherDb);

    const app = new RunsApp(page, serve);
    await app.gotoRuns();
    await expect(page.getByTestId(`run-row-${runId}`)).toHaveCount(0);
    await page.getByTestId('bundle-input').setInputFiles(bundleFile);

    await app.waitForRun(runId);
    await expect(app.runView).toContainText('imported · read-only');
    await app.expectRunStatus('completed');
    await expect(page.getByTestId('btn-cancel-run')).toHaveCount(0);
    const last = Number(await app.position.getAttribute('data-seq'));
    expect(last).toBeGreaterThan(6);

    // Step through it from the start with the keyboard.
    await app.runView.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    await expect(app.position).toHaveAttribute('data-seq', '1');
    await app.expectStatuses({ start: 'idle', route: 'idle', page: 'idle' });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(app.position).toHaveAttribute('data-seq', '3');
    await app.expectStatuses({ start: 'completed', route: 'idle' });
    await page.keyboard.press('ArrowRight');
    await expect(app.position).toHaveAttribute('data-seq', '4');
    await app.expectStatuses({ route: 'active' });
    await page.keyboard.press('ArrowRight');
    await app.expectStatuses({ route: 'completed', page: 'idle', general: 'idle' });
    await expect(app.event(5)).toContainText('→ pager');
    await page.keyboard.press('End');
    await expect(app.position).toHaveAttribute('data-seq', String(last));
    await app.expectStatuses({ page: 'completed', billing: 'idle', general: 'idle' });
    await expect(page.getByTestId('run-output')).toContainText('"pager"');

    // It is listed as imported; opening the same file again changes nothing.
    await page.getByTestId('nav-runs').click();
    await expect(page.getByTestId(`run-row-${runId}`)).toContainText('imported');
    await page.getByTestId('bundle-input').setInputFiles(bundleFile);
    await expect(page.getByTestId('toast-success').last()).toContainText('already here');
    await app.waitForRun(runId);
  });

  test('exports the open run as a bundle file', async ({ page, serve }) => {
    const { runId } = await serve.api<Outcome>('startRun', {
      file: 'ticket-router.flow.json',
      input: { priority: 'low' },
    });
    const app = new RunsApp(page, serve);
    await app.gotoRun(runId);
    const download = page.waitForEvent('download');
    await page.getByTestId('btn-export-run').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`ticket-router-${runId}.bundle.json`);
    const text = await file.createReadStream().then(
      (stream) =>
        new Promise<string>((resolve) => {
          let body = '';
          stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
          stream.on('end', () => resolve(body));
        }),
    );
    const bundle = JSON.parse(text) as { format: string; run: { id: string }; events: unknown[] };
    expect(bundle.format).toBe('switchyard/run-bundle@1');
    expect(bundle.run.id).toBe(runId);
    expect(bundle.events).toHaveLength(Number(await app.position.getAttribute('data-seq')));
  });
});
