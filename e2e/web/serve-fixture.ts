import { test as base, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
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
  /** Calls the HTTP API directly (for test setup, not for what the test checks); with `users`, as the first. */
  api<T>(method: string, params?: Record<string, unknown>): Promise<T>;
}

/** A user of the users file `serve --users` gets: signs in with `password`, programs use token `tok-NAME`. */
export interface E2eUser {
  name: string;
  password: string;
  groups?: string[];
}

function hashOf(secret: string): string {
  const made = spawnSync(process.execPath, [cliPath, 'hash-password'], { input: `${secret}\n`, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`hash-password failed: ${made.stderr}`);
  return made.stdout.trim();
}

function writeUsersFile(dir: string, users: readonly E2eUser[]): string {
  const file = join(dir, 'users.json');
  const entries = users.map((u) => ({
    name: u.name,
    passwordHash: hashOf(u.password),
    tokenHash: hashOf(`tok-${u.name}`),
    ...(u.groups === undefined ? {} : { groups: u.groups }),
  }));
  writeFileSync(file, JSON.stringify({ users: entries }, null, 2));
  return file;
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
export const test = base.extend<{
  serve: ServeInstance;
  seedExamples: boolean;
  /** The OS user the server runs as ($SWITCHYARD_USER), who decides when there is no users file. */
  user: string;
  /** Serve with `--users` (an object: Playwright reads a bare array as [value, options]). */
  usersFile: { users: E2eUser[] } | undefined;
  /** Secrets: `env` as SWITCHYARD_SECRET_<NAME> variables, `file` as a 0600 `--secrets` file outside the workspace. */
  secrets: { env?: Record<string, string>; file?: Record<string, string> } | undefined;
}>({
  seedExamples: [true, { option: true }],
  user: ['e2e', { option: true }],
  usersFile: [undefined, { option: true }],
  secrets: [undefined, { option: true }],
  serve: async ({ seedExamples, user, usersFile, secrets }, use) => {
    const users = usersFile?.users;
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
    const workspace = join(dir, 'workspace');
    if (seedExamples) cpSync(examplesDir, workspace, { recursive: true });
    else mkdirSync(workspace);
    const db = join(dir, 'runs.db');
    const args = ['serve', '--port', '0', '--workspace', workspace, '--db', db];
    if (users !== undefined) args.push('--users', writeUsersFile(dir, users));
    if (secrets?.file !== undefined) {
      const file = join(dir, 'secrets.json');
      writeFileSync(file, JSON.stringify(secrets.file), { mode: 0o600 });
      args.push('--secrets', file);
    }
    const secretVars = Object.fromEntries(
      Object.entries(secrets?.env ?? {}).map(([name, value]) => [`SWITCHYARD_SECRET_${name}`, value]),
    );
    const child = spawn(process.execPath, [cliPath, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SWITCHYARD_USER: user, SWITCHYARD_SECRETS_FILE: '', ...secretVars },
    });
    const auth: Record<string, string> =
      users?.[0] === undefined ? {} : { authorization: `Bearer tok-${users[0].name}` };
    const url = await waitForUrl(child);
    const api = async <T>(method: string, params: Record<string, unknown> = {}): Promise<T> => {
      const response = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
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
