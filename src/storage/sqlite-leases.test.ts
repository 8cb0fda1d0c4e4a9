import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeEvents, makeRun, rejected, workflow } from './run-store.fixtures.js';
import { SqliteRunStore } from './sqlite-run-store.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-leases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteRunStore leases across connections (as two processes on one file)', () => {
  it('lets exactly one of two stores win each claim race, and refuses the loser its appends', async () => {
    const path = join(dir, 'race.db');
    const a = SqliteRunStore.open(path);
    // Not group commit: in one thread, a connection waiting for the lock would block the other's commit.
    const b = SqliteRunStore.open(path);
    try {
      for (let i = 0; i < 20; i++) await a.createRun(makeRun(`r${i}`), workflow);
      for (let i = 0; i < 20; i++) {
        const runId = `r${i}`;
        const [wonA, wonB] = await Promise.all([a.claim(runId, 'A', 30_000), b.claim(runId, 'B', 30_000)]);
        expect([wonA, wonB].filter(Boolean)).toHaveLength(1);
        const winner = wonA ? 'A' : 'B';
        expect((await a.leaseOf(runId))?.owner).toBe(winner);
        expect((await b.leaseOf(runId))?.owner).toBe(winner);
        const loser = wonA ? b : a;
        const err = await rejected(loser.append(runId, makeEvents(1, 1), {}, { owner: wonA ? 'B' : 'A' }));
        expect(err.code).toBe('CONFLICT');
      }
    } finally {
      a.close();
      b.close();
    }
  });

  it('hands each due run to one of two stores claiming at once', async () => {
    const path = join(dir, 'due.db');
    const a = SqliteRunStore.open(path);
    const b = SqliteRunStore.open(path);
    try {
      for (let i = 0; i < 30; i++) await a.createRun(makeRun(`r${i}`), workflow);
      const [gotA, gotB] = await Promise.all([
        a.claimDue('A', Date.now(), 20, 30_000),
        b.claimDue('B', Date.now(), 20, 30_000),
      ]);
      expect(gotA.length + gotB.length).toBe(30);
      expect(new Set([...gotA, ...gotB]).size).toBe(30);
    } finally {
      a.close();
      b.close();
    }
  });
});
