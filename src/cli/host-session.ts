import { existsSync } from 'node:fs';
import { createHost, stderrLogger, type Host } from '#backend';
import { SwitchyardError } from '#shared';
import type { CommandContext } from './command.js';

export interface SessionOptions {
  maxInlineWaitMs?: number;
}

/** Opens the run store of `--db` for the duration of `work`, and always closes it. */
export async function withHost<T>(
  ctx: CommandContext,
  options: SessionOptions,
  work: (host: Host) => Promise<T>,
): Promise<T> {
  const host = createHost({
    dbPath: ctx.globals.db,
    logger: stderrLogger(ctx.globals.debug ? 'debug' : 'info', ctx.io.stderr),
    ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
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
