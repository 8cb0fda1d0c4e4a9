import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** A lease owner name for an engine of this process: `HOST:PID:RANDOM`. */
export function hostOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Whether the process behind a lease owner may still be alive. Only owners of this machine can
 * be checked (a signal 0 to their pid); anything else counts as alive until its lease expires.
 */
export function ownerAlive(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isSafeInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}
