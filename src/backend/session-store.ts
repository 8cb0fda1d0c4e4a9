import { randomBytes } from 'node:crypto';
import type { Identity } from '#shared';

export interface SessionStoreOptions {
  now?: () => number;
  /** How long a sign-in lasts (default 12 hours). */
  ttlMs?: number;
  /** Oldest sessions are dropped past this many (default 10,000). */
  maxSessions?: number;
}

/**
 * Web UI sign-ins, in memory: a restart signs everyone out, which is the safe failure. Ids
 * are 256 random bits; a session expires `ttlMs` after sign-in, whatever it did since.
 */
export class SessionStore {
  private readonly sessions = new Map<string, { identity: Identity; expiresAt: number }>();
  private readonly now: () => number;
  readonly ttlMs: number;
  private readonly maxSessions: number;

  constructor(options: SessionStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? 12 * 60 * 60 * 1000;
    this.maxSessions = options.maxSessions ?? 10_000;
  }

  create(identity: Identity): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { identity, expiresAt: this.now() + this.ttlMs });
    // Maps iterate in insertion order: the first key is the oldest session.
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next();
      if (oldest.done === true) break;
      this.sessions.delete(oldest.value);
    }
    return id;
  }

  get(id: string): Identity | undefined {
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session.identity;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
