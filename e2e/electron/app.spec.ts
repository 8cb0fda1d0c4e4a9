import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { BrowserWindow as ElectronWindow } from 'electron';
import type { SwitchyardBridge } from '../../src/preload/bridge-contract.js';
import { electronBinary } from './electron-binary.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = electronBinary();

test.skip(
  binary === undefined,
  'Electron is not installed (node_modules/electron or its binary is missing: the binary cannot be downloaded here), so the desktop app cannot be launched',
);
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let dataDir: string;

/** window.switchyard, typed; evaluated in the page. */
function bridge(): SwitchyardBridge {
  return (window as unknown as { switchyard: SwitchyardBridge }).switchyard;
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchyard-electron-'));
  const env = { ...process.env };
  delete env['ELECTRON_RUN_AS_NODE'];
  app = await electron.launch({
    executablePath: binary,
    args: [join(root, 'dist', 'main', 'main.cjs')],
    cwd: root,
    env: {
      ...env,
      SWITCHYARD_USER_DATA_DIR: join(dataDir, 'user-data'),
      SWITCHYARD_WORKSPACE: join(dataDir, 'workspace'),
    },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('load');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('opens one Switchyard window showing the app:// page', async () => {
  await expect
    .poll(() =>
      app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w: ElectronWindow) => w.getTitle())),
    )
    .toEqual([expect.stringMatching(/Switchyard/)]);
  expect(page.url()).toBe('app://switchyard/index.html');
});

test('the window uses the normative security settings', async () => {
  const webPreferences: unknown = await app.evaluate((): unknown =>
    Reflect.get(globalThis, '__switchyardWebPreferences'),
  );
  expect(webPreferences).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
    disableBlinkFeatures: 'Auxclick',
  });

  const csp = await app.evaluate(async ({ net }) => {
    const response = await net.fetch('app://switchyard/index.html');
    return response.headers.get('content-security-policy');
  });
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("object-src 'none'");
});

test('the page sees window.switchyard and nothing of Node', async () => {
  const globals = await page.evaluate(() => ({
    bridgeKeys: Object.keys((window as unknown as { switchyard: object }).switchyard).sort(),
    require: typeof Reflect.get(window, 'require'),
    process: typeof Reflect.get(window, 'process'),
    module: typeof Reflect.get(window, 'module'),
    Buffer: typeof Reflect.get(window, 'Buffer'),
  }));
  expect(globals).toEqual({
    bridgeKeys: ['invoke', 'onEvents', 'onMenu', 'platform'],
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    Buffer: 'undefined',
  });
});

test('the CSP blocks inline scripts', async () => {
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineScriptRan = true';
    document.head.append(script);
    script.remove();
    return Reflect.get(window, '__inlineScriptRan') === true;
  });
  expect(ran).toBe(false);
});

test('invoke answers with envelopes: data, validation errors, unknown methods', async () => {
  const listed = await page.evaluate(() => bridge().invoke('listWorkflows', {}));
  expect('data' in listed && Array.isArray(listed.data)).toBe(true);
  // The empty workspace was seeded with the examples.
  expect('data' in listed ? listed.data.map((w) => w.file) : []).toContain('order-approval.flow.json');

  const invalid = await page.evaluate(() => bridge().invoke('listRuns', { limit: -1 }));
  expect(invalid).toEqual({ error: { code: 'BAD_USAGE', message: expect.stringContaining('limit') } });

  const unknown = await page.evaluate(() =>
    (bridge().invoke as (method: string, params: unknown) => Promise<unknown>)('readFile', { path: '/etc/passwd' }),
  );
  expect(unknown).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('readFile') } });
});

test('window.open is blocked', async () => {
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('screenshot of the main window', async () => {
  await page.waitForFunction(() => document.body.innerText.trim().length > 0);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(root, 'test-results', 'electron-main.png') });
});
