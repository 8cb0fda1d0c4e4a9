import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from '#storage';
import { atExit } from './exit-tasks.js';

/**
 * The PostgreSQL of the benchmarks: one throwaway cluster per bench process (initdb takes
 * seconds, so the PostgreSQL benchmarks share it), started on first use, stopped when the
 * process ends (run.ts) or is interrupted (exit-tasks.ts). Each benchmark works in databases of
 * its own and drops them.
 */

/** The CLI the worker processes run (`npm run build`). */
export const CLI_PATH = resolve('bin/switchyard.js');

/**
 * Why the PostgreSQL benchmarks cannot run here (`needsCli`: they also spawn `switchyard`), or
 * undefined. On CI (CI=true) a missing piece is an error, not a skip: CI installs postgresql and
 * builds before it runs the benchmarks.
 */
export function postgresUnavailable(options: { needsCli: boolean }): string | undefined {
  const reason =
    findPostgresBin() === undefined
      ? 'skipped: no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)'
      : options.needsCli && !existsSync(resolve('dist/cli.js'))
        ? 'skipped: the CLI is not built (npm run build)'
        : undefined;
  if (reason !== undefined && process.env['CI'] === 'true')
    throw new Error(`the PostgreSQL benchmarks must run on CI: ${reason.replace(/^skipped: /, '')}`);
  return reason;
}

let running: { cluster: PostgresCluster; unregister: () => void } | undefined;

async function cluster(): Promise<PostgresCluster> {
  if (running !== undefined) return running.cluster;
  const bin = findPostgresBin();
  if (bin === undefined) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql');
  const started = await startPostgresCluster(bin);
  running = { cluster: started, unregister: atExit(() => started.stop()) };
  return started;
}

/** Stops the benchmarks' cluster, if one runs. */
export function stopBenchPostgres(): void {
  const current = running;
  running = undefined;
  if (current === undefined) return;
  current.unregister();
  current.cluster.stop();
}

export interface BenchDatabase {
  name: string;
  /** A store URL for `--store` and PostgresRunStore.open. */
  url: string;
  /** Drops it, closing whatever connections are left. */
  drop(): Promise<void>;
}

/** A new database on the benchmarks' cluster; a copy of `template` (nobody connected to it) when given. */
export async function benchDatabase(template?: string): Promise<BenchDatabase> {
  const pg = await cluster();
  const name = await pg.createDatabase(template === undefined ? {} : { template });
  return {
    name,
    url: pg.url(name),
    drop: () => pg.sql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
