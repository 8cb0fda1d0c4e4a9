import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from '../cli/cli-harness.js';
import { startServe } from '../cli/serve-process.js';

const ws = makeWorkspace('switchyard-identity-');

const approvalFlow = {
  format: 'switchyard/workflow@1',
  id: 'spend',
  name: 'Spend',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start' },
    { id: 'boss', kind: 'approval', config: { title: 'Spend?', approvers: ['ana', 'group:finance'] } },
    { id: 'done', kind: 'end', config: { output: 'steps.boss.output.by' } },
  ],
  edges: [
    { from: 'start', to: 'boss' },
    { from: 'boss', port: 'approved', to: 'done' },
    { from: 'boss', port: 'rejected', to: 'done' },
  ],
};

/** A hash made by the real `switchyard hash-password`, as a user would make it. */
async function hashOf(secret: string): Promise<string> {
  const r = await runCli(['hash-password'], { cwd: ws.dir, stdin: `${secret}\n` });
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

async function startUsersServe(usersFile: string): Promise<{ url: string; child: ChildProcess }> {
  const serve = await startServe(ws.dir, ['--db', 'runs.db', '--workspace', ws.dir, '--users', usersFile]);
  return { url: serve.url, child: serve.process };
}

let url: string;
let child: ChildProcess;

beforeAll(async () => {
  writeFileSync(join(ws.dir, 'spend.flow.json'), JSON.stringify(approvalFlow));
  const users = {
    users: [
      { name: 'ana', passwordHash: await hashOf('ana-password'), tokenHash: await hashOf('ana-token') },
      { name: 'ben', tokenHash: await hashOf('ben-token') },
      { name: 'carol', tokenHash: await hashOf('carol-token'), groups: ['finance'] },
    ],
  };
  writeFileSync(join(ws.dir, 'users.json'), JSON.stringify(users, null, 2));
  ({ url, child } = await startUsersServe('users.json'));
}, 60_000);

afterAll(() => {
  child.kill('SIGTERM');
  ws.cleanup();
});

interface Reply {
  status: number;
  headers: Headers;
  body: { data?: unknown; error?: { code: string; message: string } };
}

async function call(method: string, params: unknown, auth: { token?: string; cookie?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.token !== undefined) headers['authorization'] = `Bearer ${auth.token}`;
  if (auth.cookie !== undefined) headers['cookie'] = auth.cookie;
  const res = await fetch(`${url}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(params) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Reply['body'] };
}

async function session(method: 'GET' | 'POST' | 'DELETE', body?: unknown, cookie?: string): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie !== undefined) headers['cookie'] = cookie;
  const res = await fetch(`${url}/api/session`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Reply['body'] };
}

async function waitingRun(): Promise<string> {
  const started = await call('startRun', { file: 'spend.flow.json' }, { token: 'ana-token' });
  expect(started.body.data).toMatchObject({ status: 'waiting' });
  return (started.body.data as { runId: string }).runId;
}

async function decisions(runId: string): Promise<unknown[]> {
  const history = await call('getHistory', { runId }, { token: 'ana-token' });
  const events = history.body.data as { type: string; data?: unknown }[];
  return events.filter((e) => e.type === 'approval.decided').map((e) => e.data);
}

describe('serve --users', () => {
  it('answers 401 with a JSON error to a caller without credentials, but serves the web UI', async () => {
    const reply = await call('listRuns', {});
    expect(reply.status).toBe(401);
    expect(reply.body.error).toEqual({ code: 'UNAUTHORIZED', message: expect.stringContaining('sign in first') });
    expect((await call('listRuns', {}, { token: 'not-a-token' })).status).toBe(401);
    expect((await fetch(`${url}/api/events`)).status).toBe(401);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('knows a program by its bearer token', async () => {
    expect((await call('whoami', {}, { token: 'carol-token' })).body.data).toEqual({
      name: 'carol',
      groups: ['finance'],
      source: 'users-file',
    });
  });

  it('signs the web UI in with a session cookie, and out again', async () => {
    const wrong = await session('POST', { name: 'ana', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const ok = await session('POST', { name: 'ana', password: 'ana-password' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ name: 'ana', groups: [], source: 'users-file' });
    const setCookie = ok.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^switchyard_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0] ?? '';

    expect((await session('GET', undefined, cookie)).body.data).toMatchObject({ name: 'ana' });
    expect((await call('whoami', {}, { cookie })).body.data).toMatchObject({ name: 'ana' });
    expect((await session('DELETE', undefined, cookie)).status).toBe(200);
    expect((await call('whoami', {}, { cookie })).status).toBe(401);
    expect((await session('GET', undefined, cookie)).status).toBe(401);
  });

  it('slows down repeated wrong passwords for a name', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await session('POST', { name: 'ben', password: `guess-${i}` })).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    const refused = await session('POST', { name: 'ben', password: 'again' });
    expect(refused.body.error).toEqual({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringContaining('try again in') });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('records the signed-in user, never a "by" from the body', async () => {
    const runId = await waitingRun();
    const impostor = await call(
      'approve',
      { runId, node: 'boss', decision: 'approved', by: 'ana' },
      { token: 'ben-token' },
    );
    expect(impostor.status).toBe(403);
    expect(impostor.body.error?.code).toBe('IDENTITY_MISMATCH');
    expect(await decisions(runId)).toEqual([]);

    const approved = await call('approve', { runId, node: 'boss', decision: 'approved' }, { token: 'ana-token' });
    expect(approved.body.data).toMatchObject({ status: 'completed', output: 'ana' });
    expect(await decisions(runId)).toEqual([{ decision: 'approved', by: 'ana', comment: null }]);
  });

  it('refuses a non-approver with 403 naming the node and the approvers, and the run still waits', async () => {
    const runId = await waitingRun();
    const inbox = await call('listApprovals', {}, { token: 'ben-token' });
    expect(
      (inbox.body.data as { runId: string; canDecide: boolean; reason?: string }[]).find((a) => a.runId === runId),
    ).toMatchObject({ canDecide: false, reason: 'ben is not among the approvers of boss: ana, group:finance' });

    const refused = await call('approve', { runId, node: 'boss', decision: 'approved' }, { token: 'ben-token' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: 'APPROVER_NOT_ALLOWED',
      message: `"ben" may not decide approval boss of run ${runId}; approvers: ana, group:finance`,
    });
    const { body } = await call('getRun', { runId }, { token: 'ben-token' });
    expect(body.data).toMatchObject({ run: { status: 'waiting' } });
    expect(await decisions(runId)).toEqual([]);
  });

  it('lets a member of an approver group decide', async () => {
    const runId = await waitingRun();
    const inbox = await call('listApprovals', {}, { token: 'carol-token' });
    expect((inbox.body.data as { runId: string; canDecide: boolean }[]).find((a) => a.runId === runId)?.canDecide).toBe(
      true,
    );
    const approved = await call(
      'approve',
      { runId, node: 'boss', decision: 'rejected', comment: 'not this quarter' },
      { token: 'carol-token' },
    );
    expect(approved.body.data).toMatchObject({ status: 'completed', output: 'carol' });
    expect(await decisions(runId)).toEqual([{ decision: 'rejected', by: 'carol', comment: 'not this quarter' }]);
  });
});

describe('bad users files', () => {
  async function serveWith(file: string, text?: string): Promise<{ code: number | null; stderr: string }> {
    if (text !== undefined) writeFileSync(join(ws.dir, file), text);
    const r = await runCli(['serve', '--port', '0', '--db', 'bad.db', '--workspace', ws.dir, '--users', file], {
      cwd: ws.dir,
    });
    return { code: r.code, stderr: r.stderr };
  }

  it('stops serve with exit 2 and a line naming the file and the field', async () => {
    const badHash = await serveWith(
      'bad-hash.json',
      JSON.stringify({ users: [{ name: 'ana', passwordHash: 'hunter2' }] }),
    );
    expect(badHash.code).toBe(2);
    expect(badHash.stderr).toBe(
      `switchyard: users file ${join(ws.dir, 'bad-hash.json')}: users[0].passwordHash: expected scrypt$N$r$p$SALT$HASH as printed by "switchyard hash-password"\n`,
    );
    const notJson = await serveWith('not-json.json', '{"users": [');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^switchyard: users file .*not-json\.json is not valid JSON: /);
    const missing = await serveWith('missing.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^switchyard: users file: cannot read .*missing\.json: no such file\n$/);
  });

  it('refuses --users together with --token', async () => {
    const r = await runCli(['serve', '--port', '0', '--users', 'users.json', '--token', 'x', '--db', 'bad.db'], {
      cwd: ws.dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give --users FILE or --token, not both/);
  });
});

describe('hash-password', () => {
  it('refuses an empty stdin and makes new tokens', async () => {
    const empty = await runCli(['hash-password'], { cwd: ws.dir, stdin: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no password on stdin/);
    const made = await runCli(['hash-password', '--new-token', '--json'], { cwd: ws.dir });
    expect(made.json).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      hash: expect.stringMatching(/^scrypt\$/),
    });
  });
});
