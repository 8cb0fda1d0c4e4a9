import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../storage/postgres-cluster.test-support.js';
import { startDesktopBackend, type DesktopBackendOptions } from './backend-host.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-desktop-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const postgres = usePostgres();

function desktopOptions(name: string, env: Record<string, string> = {}): DesktopBackendOptions {
  const workspaceDir = join(dir, `${name}-workspace`);
  mkdirSync(workspaceDir, { recursive: true });
  return {
    dbPath: join(dir, `${name}.db`),
    storeSettingPath: join(dir, `${name}-store.json`),
    workspaceDir,
    env,
  };
}

describe("the desktop app's run store", () => {
  it("opens the app's own SQLite file unless told otherwise", async () => {
    const options = desktopOptions('own');
    const desktop = await startDesktopBackend(options);
    try {
      expect(await desktop.backend.getStore({})).toEqual({
        kind: 'sqlite',
        location: options.dbPath,
        source: 'default',
        switchable: true,
      });
    } finally {
      await desktop.close();
    }
  });

  it('starts on its own file when the chosen store cannot be opened, and says why', async () => {
    const options = desktopOptions('unreachable');
    writeFileSync(options.storeSettingPath, JSON.stringify({ store: 'postgres://ana:pw-1@127.0.0.1:1/flows' }));
    const desktop = await startDesktopBackend(options);
    try {
      const store = await desktop.backend.getStore({});
      expect(store).toMatchObject({ kind: 'sqlite', location: options.dbPath, source: 'default' });
      expect(store.problem).toMatch(/^could not open the chosen run store postgres:\/\/ana@127\.0\.0\.1:1\/flows: /);
      expect(store.problem).not.toContain('pw-1');
    } finally {
      await desktop.close();
    }
  });

  describe.skipIf(!postgres.available)("on a team's PostgreSQL", () => {
    it('connects from Preferences and, restarted, runs on it: runs are recorded for the workers', async () => {
      const url = await postgres.freshStoreUrl();
      const options = desktopOptions('team');
      const first = await startDesktopBackend(options);
      try {
        const answer = await first.backend.connectStore({ url });
        expect(answer).toMatchObject({ restarting: true, store: { kind: 'postgres', source: 'app setting' } });
      } finally {
        await first.close();
      }
      const restarted = await startDesktopBackend(options);
      try {
        expect(await restarted.backend.getStore({})).toMatchObject({ kind: 'postgres', source: 'app setting' });
        const workflow = {
          format: 'switchyard/workflow@1',
          id: 'desk',
          name: 'Desk',
          version: 1,
          nodes: [
            { id: 'start', kind: 'start' },
            { id: 'end', kind: 'end' },
          ],
          edges: [{ from: 'start', to: 'end' }],
        };
        const outcome = await restarted.backend.startRun({ workflow, detach: true });
        const runs = await restarted.backend.listRuns({});
        expect(runs.map((run) => run.id)).toContain(outcome.runId);
      } finally {
        await restarted.close();
      }
    });
  });
});
