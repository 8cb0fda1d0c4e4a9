import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';
import { SessionStore } from './session-store.js';

describe('the sign-in backoff', () => {
  it('lets a few failures through, then doubles the wait per name, and forgets on success', () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now, freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 3000 });
    throttle.failed('ana');
    throttle.failed('ana');
    expect(throttle.waitMs('ana')).toBe(0);
    throttle.failed('ana');
    expect(throttle.waitMs('ana')).toBe(1000);
    expect(throttle.waitMs('ben')).toBe(0);
    now = 1000;
    throttle.failed('ana');
    expect(throttle.waitMs('ana')).toBe(2000);
    now = 3000;
    throttle.failed('ana');
    expect(throttle.waitMs('ana')).toBe(3000);
    throttle.succeeded('ana');
    expect(throttle.waitMs('ana')).toBe(0);
  });
});

describe('sessions', () => {
  it('hands out random ids that expire and can be ended', () => {
    let now = 0;
    const sessions = new SessionStore({ now: () => now, ttlMs: 100 });
    const ana = { name: 'ana', groups: [], source: 'users-file' as const };
    const id = sessions.create(ana);
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    expect(sessions.get(id)).toEqual(ana);
    expect(sessions.get('nope')).toBeUndefined();
    now = 100;
    expect(sessions.get(id)).toBeUndefined();
    const other = sessions.create(ana);
    sessions.end(other);
    expect(sessions.get(other)).toBeUndefined();
  });

  it('drops the oldest sessions past the limit', () => {
    const sessions = new SessionStore({ maxSessions: 2 });
    const ana = { name: 'ana', groups: [], source: 'users-file' as const };
    const [a, b, c] = [sessions.create(ana), sessions.create(ana), sessions.create(ana)];
    expect([sessions.get(a), sessions.get(b) !== undefined, sessions.get(c) !== undefined]).toEqual([
      undefined,
      true,
      true,
    ]);
  });
});
