import { existsSync } from 'node:fs';
import { openHost, stderrLogger, type Host } from '#backend';
import { SwitchyardError } from '#shared';
import type { CommandContext } from './command.js';

export interface SessionOptions {
  maxInlineWaitMs?: number;
}

/** Opens the run store of `--store`/`--db` for the duration of `work`, and always closes it. */
export async function withHost<T>(
  ctx: CommandContext,
  options: SessionOptions,
  work: (host: Host) => Promise<T>,
): Promise<T> {
  const host = await openHost({
    location: ctx.globals.store.location,
    logger: stderrLogger(ctx.globals.debug ? 'debug' : 'info', ctx.io.stderr),
    ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
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
