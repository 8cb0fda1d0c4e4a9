// `npm start`: the desktop app when Electron is installed, else the same UI in the browser
// through `switchyard serve`. Assumes `npm run build` has run.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PORT = 4310;

/**
 * The Electron binary, or undefined. Electron's own index.js tries to download a missing
 * binary when required, so the binary is looked for first and the package required only
 * when it is there.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const expected = override ? join(override, relative || 'electron') : join(packageDir, 'dist', relative);
  if (!existsSync(expected)) return undefined;
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a child with our stdio, passes Ctrl-C on, and exits with its code. */
function runForeground(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`start: could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

function startElectron(binary) {
  const main = join(root, 'dist', 'main', 'main.cjs');
  if (!existsSync(main)) {
    console.error('start: dist/main/main.cjs is missing; run `npm run build` first');
    process.exit(2);
  }
  const env = { ...process.env };
  // Set, it would make Electron run as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  runForeground(binary, [main, ...process.argv.slice(2)], { env });
}

/** Creates the workspace folder; a new or empty one gets the example flows (as the desktop app does). */
function prepareWorkspace(dir) {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).some((name) => !name.startsWith('.'))) return;
  const examples = join(root, 'assets', 'examples');
  if (!existsSync(examples)) return;
  for (const name of readdirSync(examples)) {
    if (name.endsWith('.flow.json')) copyFileSync(join(examples, name), join(dir, name));
  }
}

function openBrowser(url) {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser opener here: the URL is printed anyway.
  }
}

/** Resolves once the server answers (or gives up quietly after `timeoutMs`). */
async function waitForServer(url, server, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && server.exitCode === null) {
    try {
      await globalThis.fetch(url, { signal: globalThis.AbortSignal.timeout(1000) });
      return true;
    } catch {
      await sleep(200);
    }
  }
  return false;
}

async function startWeb() {
  console.log(
    'Electron is not installed here (its binary could not be downloaded); opening the web UI via switchyard serve instead.',
  );
  const workspace = resolve(process.env.SWITCHYARD_WORKSPACE || join(root, 'workspace'));
  prepareWorkspace(workspace);
  const cli = join(root, 'bin', 'switchyard.js');
  const server = runForeground(process.execPath, [cli, 'serve', '--port', String(PORT), '--workspace', workspace], {
    cwd: root,
  });
  const url = `http://127.0.0.1:${PORT}/`;
  if (await waitForServer(url, server)) {
    console.log(`Switchyard: ${url} (workspace: ${workspace})`);
    openBrowser(url);
  } else if (server.exitCode === null) {
    console.log(`Switchyard should be at ${url} (workspace: ${workspace})`);
  }
}

const binary = electronBinary();
if (binary) startElectron(binary);
else await startWeb();
