import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
export const cliPath = join(root, 'bin/switchyard.js');
export const examplesDir = join(root, 'assets/examples');
export const screenshotsDir = join(root, 'test-results/screenshots');

export interface ServeInstance {
  url: string;
  dir: string;
  workspace: string;
  db: string;
  /** Calls the HTTP API directly (for test setup, not for what the test checks). */
  api<T>(method: string, params?: Record<string, unknown>): Promise<T>;
}

async function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`switchyard serve did not start: ${out}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`switchyard serve exited with ${code}: ${out}`)));
  });
}

/** `switchyard serve` on a random port over a fresh workspace (seeded with the examples) and a fresh SQLite file. */
export const test = base.extend<{ serve: ServeInstance; seedExamples: boolean }>({
  seedExamples: [true, { option: true }],
  serve: async ({ seedExamples }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
    const workspace = join(dir, 'workspace');
    if (seedExamples) cpSync(examplesDir, workspace, { recursive: true });
    else mkdirSync(workspace);
    const db = join(dir, 'runs.db');
    const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--workspace', workspace, '--db', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SWITCHYARD_USER: 'e2e' },
    });
    const url = await waitForUrl(child);
    const api = async <T>(method: string, params: Record<string, unknown> = {}): Promise<T> => {
      const response = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
      });
      const body = (await response.json()) as { data?: T; error?: { message: string } };
      if (body.error) throw new Error(`${method}: ${body.error.message}`);
      return body.data as T;
    };
    await use({ url, dir, workspace, db, api });
    child.kill('SIGTERM');
  },
});

export { expect };

export function workspaceFiles(workspace: string): string[] {
  return readdirSync(workspace).filter((f) => f.endsWith('.flow.json'));
}
