import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  loadHostSecrets,
  loadUsersFile,
  startServeSession,
  stderrLogger,
  UserDirectory,
  type StoreLocation,
  type StoreSource,
} from '#backend';
import { SwitchyardError } from '#shared';
import { wholeNumber } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { processIo, type Io } from '../io.js';
import { MAX_WAIT_OPTION } from '../options.js';
import { stopRequested } from '../stop-requested.js';

export const DEFAULT_PORT = 4310;

/** `serve`'s options as the command line gives them (text), checked and converted. */
export const ServeArgs = z.object({
  port: wholeNumber(0).pipe(z.int().max(65_535, 'expected a port number up to 65535')).optional(),
  host: z.string().min(1, 'expected a host name or address').optional(),
  token: z.string().min(1, 'expected a secret').optional(),
  users: z.string().min(1, 'expected a users file').optional(),
  workspace: z.string().min(1, 'expected a folder').optional(),
  maxWait: wholeNumber(0).optional(),
});
export type ServeArgs = z.output<typeof ServeArgs>;

export interface ServeOptions {
  store: StoreLocation;
  /** What chose the store (the web UI's Preferences show it). */
  storeSource?: StoreSource;
  port?: number;
  host?: string;
  token?: string;
  /** A users file: every API call is signed in, and decisions are recorded as that user. */
  usersFile?: string;
  workspace?: string;
  /** A secrets file (outside the workspace); `SWITCHYARD_SECRET_<NAME>` variables are read too. */
  secretsFile?: string;
  maxInlineWaitMs?: number;
  debug?: boolean;
}

/** The workspace folder: --workspace, else $SWITCHYARD_WORKSPACE, else the current directory; BAD_USAGE when missing. */
export function workspaceDir(options: { workspace?: string | undefined }, io: Io): string {
  const dir = resolve(options.workspace ?? io.env['SWITCHYARD_WORKSPACE'] ?? process.cwd());
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Reported below, with the path.
  }
  if (!isDir)
    throw new SwitchyardError(
      'BAD_USAGE',
      `the workspace folder ${dir} does not exist (give --workspace DIR or set SWITCHYARD_WORKSPACE)`,
    );
  return dir;
}

/**
 * `switchyard serve`: the HTTP API and the web UI over a workspace folder, until SIGINT or
 * SIGTERM (or `stop`). Resolves with the exit code once everything is closed.
 *
 * @example
 * process.exitCode = await runServe({ store: { kind: 'sqlite', path: './switchyard.db' }, port: 4310 });
 */
export async function runServe(options: ServeOptions, io: Io = processIo, stop?: AbortSignal): Promise<number> {
  const workspace = workspaceDir(options, io);
  const token = options.token ?? io.env['SWITCHYARD_TOKEN'];
  const usersFile = options.usersFile === undefined ? undefined : resolve(options.usersFile);
  // Read before anything opens, so a bad file stops the server before it starts.
  const users = usersFile === undefined ? undefined : new UserDirectory(loadUsersFile(usersFile));
  const secrets = loadHostSecrets(io.env, options.secretsFile, workspace);
  const session = await startServeSession({
    store: options.store,
    ...(options.storeSource === undefined ? {} : { storeSource: options.storeSource }),
    workspaceDir: workspace,
    port: options.port ?? DEFAULT_PORT,
    logger: stderrLogger(options.debug === true ? 'debug' : 'info', io.stderr),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(token === undefined || token === '' ? {} : { token }),
    ...(users === undefined ? {} : { users }),
    secrets,
    ...(options.maxInlineWaitMs === undefined ? {} : { maxInlineWaitMs: options.maxInlineWaitMs }),
  });
  io.stdout(`Switchyard serving ${workspace} at ${session.url}\n`);
  if (usersFile !== undefined) io.stdout(`signing in the users of ${usersFile}\n`);
  const signals = stopRequested(stop);
  try {
    const reason = await signals.done;
    io.stderr(`switchyard: ${reason === 'stop' ? 'stopping' : `${reason} received, stopping`}\n`);
  } finally {
    signals.dispose();
    await session.close();
  }
  return 0;
}

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'serve the HTTP API and the web UI for a folder of workflows',
  usage: 'serve [--port N] [--host H] [--token T | --users FILE] [--workspace DIR] [--max-wait MS]',
  description: [
    'Serves the Backend API (POST /api/<method>, GET /api/events for live run events) and the',
    'web UI at http://127.0.0.1:4310. Workflow files are the *.flow.json files of the workspace',
    'folder (default: $SWITCHYARD_WORKSPACE, else the current directory); runs go to the run',
    'store (--store, a SQLite file or a PostgreSQL database shared with other servers).',
    'Binds 127.0.0.1 unless --host says otherwise, and refuses a non-loopback host without a',
    'token (--token or $SWITCHYARD_TOKEN) or a users file; clients then send "Authorization: Bearer TOKEN".',
    'With --users FILE each person signs in (the web UI asks; programs send their own bearer',
    'token) and approvals are decided as that user; make hashes with "switchyard hash-password".',
    'Without it, every caller acts as the user running serve ($SWITCHYARD_USER, else the OS user).',
    'Interrupted runs are resumed at start and timers fire while it runs. Stops on Ctrl-C.',
  ].join('\n'),
  positionals: [],
  options: {
    port: {
      type: 'string',
      value: 'N',
      description: `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`,
    },
    host: { type: 'string', value: 'H', description: 'address to bind (default 127.0.0.1)' },
    token: { type: 'string', value: 'T', description: 'require "Authorization: Bearer T" on every API call' },
    users: {
      type: 'string',
      value: 'FILE',
      description: 'users file (JSON): every API call signs in as one of its users',
    },
    workspace: {
      type: 'string',
      value: 'DIR',
      description: 'folder of *.flow.json files (default $SWITCHYARD_WORKSPACE or .)',
    },
    'max-wait': MAX_WAIT_OPTION,
  },
  schema: ServeArgs,
  async run(ctx, args) {
    return runServe(
      {
        store: ctx.globals.store.location,
        storeSource: ctx.globals.store.source,
        debug: ctx.globals.debug,
        ...(args.port === undefined ? {} : { port: args.port }),
        ...(args.host === undefined ? {} : { host: args.host }),
        ...(args.token === undefined ? {} : { token: args.token }),
        ...(args.users === undefined ? {} : { usersFile: args.users }),
        ...(args.workspace === undefined ? {} : { workspace: args.workspace }),
        ...(ctx.globals.secretsFile === undefined ? {} : { secretsFile: ctx.globals.secretsFile }),
        ...(args.maxWait === undefined ? {} : { maxInlineWaitMs: args.maxWait }),
      },
      ctx.io,
    );
  },
});
