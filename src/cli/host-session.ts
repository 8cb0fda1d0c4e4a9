import { existsSync } from 'node:fs';
import { loadHostSecrets, openHost, stderrLogger, type Host, type HostSecrets } from '#backend';
import type { Logger } from '#engine';
import { SwitchyardError } from '#shared';
import type { CommandContext } from './command.js';

export interface SessionOptions {
  maxInlineWaitMs?: number;
  /** The engine's name in run leases, and how long its claims last (`worker`). */
  owner?: string;
  leaseMs?: number;
}

/** Log lines of a command: stderr, with debug lines under `--debug`. */
export function sessionLogger(ctx: CommandContext): Logger {
  return stderrLogger(ctx.globals.debug ? 'debug' : 'info', ctx.io.stderr);
}

/**
 * The secrets of a command: `SWITCHYARD_SECRET_<NAME>` variables and the secrets file of
 * `--secrets`/`$SWITCHYARD_SECRETS_FILE`, which must lie outside `$SWITCHYARD_WORKSPACE` when set.
 */
export function commandSecrets(ctx: CommandContext, workspaceDir = ctx.io.env['SWITCHYARD_WORKSPACE']): HostSecrets {
  return loadHostSecrets(ctx.io.env, ctx.globals.secretsFile, workspaceDir || undefined);
}

/** Opens the run store of `--store`/`--db` for the duration of `work`, and always closes it. */
export async function withHost<T>(
  ctx: CommandContext,
  options: SessionOptions,
  work: (host: Host) => Promise<T>,
): Promise<T> {
  const host = await openHost({
    location: ctx.globals.store.location,
    logger: sessionLogger(ctx),
    secrets: commandSecrets(ctx),
    ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
    ...(options.owner === undefined ? {} : { owner: options.owner }),
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
  });
  try {
    return await work(host);
  } finally {
    await host.close();
  }
}

/**
 * Whether the run store is there to read: a SQLite file that exists (commands that only read
 * never create one), or a PostgreSQL database (which they connect to).
 */
export function storeExists(ctx: CommandContext): boolean {
  const { location } = ctx.globals.store;
  return location.kind === 'postgres' || existsSync(location.path);
}

/** For commands about one run: a missing store file means the run does not exist (and no file is created). */
export function requireStoreFor(ctx: CommandContext, runId: string): void {
  const { location } = ctx.globals.store;
  if (location.kind === 'sqlite' && !existsSync(location.path)) {
    throw new SwitchyardError(
      'RUN_NOT_FOUND',
      `run ${runId} does not exist: there is no run store at ${location.path}`,
    );
  }
}
