import { userInfo } from 'node:os';
import type { Identity } from '#shared';

/**
 * The person at this machine: `$SWITCHYARD_USER` when set (tests, shared accounts), else the
 * operating-system user. Used by the desktop app, by `serve` without `--users`, and as the
 * default `--by` of `switchyard approve`.
 */
export function localUserName(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const override = env['SWITCHYARD_USER']?.trim();
  if (override !== undefined && override !== '') return override;
  try {
    return userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers).
    return env['USER'] || 'local';
  }
}

/** The identity of local callers, with no groups (groups come from a users file). */
export function localIdentity(env?: Readonly<Record<string, string | undefined>>): Identity {
  return { name: localUserName(env), groups: [], source: 'os' };
}
