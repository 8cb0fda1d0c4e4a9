import { existsSync } from 'node:fs';
import { createHost, stderrLogger, type Host } from '#backend';
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

/** Opens the run store of `--db` for the duration of `work`, and always closes it. */
export async function withHost<T>(
  ctx: CommandContext,
  options: SessionOptions,
  work: (host: Host) => Promise<T>,
): Promise<T> {
  const host = createHost({
    dbPath: ctx.globals.db,
    logger: sessionLogger(ctx),
    ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
    ...(options.owner === undefined ? {} : { owner: options.owner }),
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
  });
  try {
    return await work(host);
  } finally {
    host.close();
  }
}

/** Whether `--db` names an existing file; commands that only read never create one. */
export function storeExists(ctx: CommandContext): boolean {
  return existsSync(ctx.globals.db);
}

/** For commands about one run: a missing store file means the run does not exist (and no file is created). */
export function requireStoreFor(ctx: CommandContext, runId: string): void {
  if (!storeExists(ctx)) {
    throw new SwitchyardError(
      'RUN_NOT_FOUND',
      `run ${runId} does not exist: there is no run store at ${ctx.globals.db}`,
    );
  }
}
