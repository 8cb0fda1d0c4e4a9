import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { Client } from 'pg';

/**
 * CPU seconds spent by the processes of a B9 drain, read from /proc (Linux): the worker
 * processes (children this process has reaped) and the PostgreSQL server (its postmaster and
 * every backend). What B9's model of where throughput saturates is computed from. Elsewhere
 * every function answers undefined.
 */

let ticks: number | undefined;
function ticksPerSecond(): number {
  if (ticks === undefined) {
    const text = tryOr(() => execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }), '100');
    ticks = Number(text.trim()) || 100;
  }
  return ticks;
}

function tryOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

interface ProcTimes {
  ppid: number;
  /** utime + stime of the process itself. */
  own: number;
  /** cutime + cstime: its children that it waited for. */
  reaped: number;
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces), in seconds. */
function procTimes(pid: number | 'self'): ProcTimes | undefined {
  const text = tryOr(() => readFileSync(`/proc/${pid}/stat`, 'utf8'), undefined);
  if (text === undefined) return undefined;
  // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
  const fields = text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const at = (i: number) => fields[i] ?? NaN;
  const tick = ticksPerSecond();
  return { ppid: at(1), own: (at(11) + at(12)) / tick, reaped: (at(13) + at(14)) / tick };
}

/** CPU seconds of the children this process started and reaped so far (the worker processes). */
export function reapedChildrenCpu(): number | undefined {
  return procTimes('self')?.reaped;
}

/** The pid of the postmaster serving `url` (the parent of a backend), or undefined. */
export async function postmasterOf(url: string): Promise<number | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = result.rows[0]?.pid;
    return backend === undefined ? undefined : procTimes(backend)?.ppid;
  } finally {
    await client.end();
  }
}

/** CPU seconds of a PostgreSQL server: the postmaster, its exited backends and the live ones. */
export function serverCpu(postmaster: number): number | undefined {
  const main = procTimes(postmaster);
  if (main === undefined) return undefined;
  let total = main.own + main.reaped;
  for (const entry of tryOr(() => readdirSync('/proc'), [])) {
    if (!/^\d+$/.test(entry)) continue;
    const child = procTimes(Number(entry));
    if (child?.ppid === postmaster) total += child.own;
  }
  return total;
}
