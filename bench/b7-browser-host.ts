import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Workflow } from '#shared';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.js';

/**
 * What the browser benchmarks (B7, B8) share: Debian's Chromium driven by Playwright against
 * a real `switchyard serve` over a temp workspace, both started and stopped by the benchmark.
 */

export const VIEWPORT = { width: 1440, height: 900 };

/** Why the browser benchmarks cannot run here, or undefined when they can. */
export async function browserUnavailable(): Promise<string | undefined> {
  if (!existsSync(CHROMIUM_PATH)) return `skipped: chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`;
  if (!existsSync(resolve('dist/renderer/index.html'))) return 'skipped: the web UI is not built (npm run build)';
  try {
    await import('@playwright/test');
  } catch {
    return 'skipped: @playwright/test is not installed (a dev dependency)';
  }
  return undefined;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('@playwright/test');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh context: empty HTTP cache and storage, so every load is a cold one. */
export async function coldPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { context, page };
}

export interface BenchServer {
  url: string;
  dir: string;
  workspace: string;
  close(): Promise<void>;
}

/** Writes `workflows` (file name → document) to a temp workspace and starts `switchyard serve` on it. */
export async function startServe(workflows: ReadonlyMap<string, Workflow>): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-web-'));
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace);
  for (const [file, doc] of workflows) writeFileSync(join(workspace, file), JSON.stringify(doc));
  const child = spawn(
    process.execPath,
    [resolve('bin/switchyard.js'), 'serve', '--port', '0', '--workspace', workspace, '--db', join(dir, 'runs.db')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const url = await serverUrl(child);
    return {
      url,
      dir,
      workspace,
      close: async () => {
        await stop(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function serverUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`switchyard serve did not start in 30 s: ${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`switchyard serve exited with ${code}: ${out}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGTERM');
  });
}
