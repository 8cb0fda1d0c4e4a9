import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * A throwaway PostgreSQL cluster (tests, benchmarks): `initdb` in a temp dir, `pg_ctl start` on a free
 * loopback port, removed again afterwards. Run as the `postgres` user when the tests run as root
 * (PostgreSQL refuses to run as root). Password authentication on TCP (so a wrong password is a
 * real failure), trust on the cluster's own Unix socket.
 */
export interface PostgresCluster {
  readonly port: number;
  /** The superuser's password. */
  readonly password: string;
  /** `postgres://postgres:PASSWORD@127.0.0.1:PORT/DATABASE`, optionally with a search path. */
  url(database: string, options?: { schema?: string; password?: string }): string;
  /** Runs `sql` on `database` through a connection of its own. */
  sql(database: string, sql: string): Promise<void>;
  /** A fresh database, or a copy of `template` (which nobody may be connected to); returns its name. */
  createDatabase(options?: { template?: string }): Promise<string>;
  stop(): void;
}

const USER = 'postgres';
const PASSWORD = 'pw-7f3c9e';

/** The bin dir of the newest PostgreSQL under /usr/lib/postgresql, or undefined. */
export function findPostgresBin(root = '/usr/lib/postgresql'): string | undefined {
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** A loopback port nothing listens on (at the moment of asking). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port to listen on')),
      );
    });
  });
}

/** Runs a PostgreSQL program, as the postgres user when we are root; failures carry its output. */
function runAs(asRoot: boolean, program: string, args: string[], cwd: string): void {
  const [command, argv] = asRoot ? ['runuser', ['-u', USER, '--', program, ...args]] : [program, args];
  try {
    execFileSync(command, argv, { cwd, stdio: 'pipe', timeout: 120_000 });
  } catch (err) {
    const stderr: unknown = typeof err === 'object' && err !== null && 'stderr' in err ? err.stderr : undefined;
    const output = Buffer.isBuffer(stderr) ? stderr.toString() : '';
    throw new Error(`${program} ${args.join(' ')} failed: ${output || String(err)}`);
  }
}

function ownerIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  if (asRoot) {
    const { uid, gid } = ownerIds();
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const pg = (program: string, args: string[]) => runAs(asRoot, join(bin, program), args, dir);
  pg('initdb', [
    '-D',
    data,
    '-U',
    USER,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pwfile}`,
    '--no-sync',
  ]);
  // fsync off: a test cluster never survives a machine crash, and commits get far cheaper.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  pg('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', serverOptions, '-w', '-t', '60', 'start']);
  let databases = 0;
  const url = (database: string, options: { schema?: string; password?: string } = {}) => {
    const password = encodeURIComponent(options.password ?? PASSWORD);
    const search =
      options.schema === undefined ? '' : `?options=${encodeURIComponent(`-c search_path=${options.schema}`)}`;
    return `postgres://${USER}:${password}@127.0.0.1:${port}/${database}${search}`;
  };
  const sql = async (database: string, text: string) => {
    const client = new Client({ connectionString: url(database) });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  return {
    port,
    password: PASSWORD,
    url,
    sql,
    async createDatabase(options = {}) {
      const name = `test_${process.pid}_${++databases}`;
      const template = options.template === undefined ? '' : ` TEMPLATE ${options.template}`;
      await sql('postgres', `CREATE DATABASE ${name}${template}`);
      return name;
    },
    stop() {
      try {
        pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
