import type { RunLease } from '../ports.js';
import { assertLeaseMs } from './run-store-rules.js';

interface Lease {
  owner: string;
  /** Ms since the epoch. */
  expiresAt: number;
}

/** The lease table of a MemoryRunStore: who drives which run, until when. */
export class MemoryLeases {
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly now: () => number) {}

  claim(runId: string, owner: string, leaseMs: number): boolean {
    assertLeaseMs(leaseMs);
    const now = this.now();
    const lease = this.leases.get(runId);
    if (lease !== undefined && lease.owner !== owner && lease.expiresAt > now) return false;
    this.leases.set(runId, { owner, expiresAt: now + leaseMs });
    return true;
  }

  renew(runId: string, owner: string, leaseMs: number): boolean {
    assertLeaseMs(leaseMs);
    const lease = this.leases.get(runId);
    if (lease?.owner !== owner) return false;
    lease.expiresAt = this.now() + leaseMs;
    return true;
  }

  release(runId: string, owner: string): void {
    if (this.leases.get(runId)?.owner === owner) this.leases.delete(runId);
  }

  /** The owner of the lease row, live or expired (appends by anyone else are refused). */
  holder(runId: string): string | undefined {
    return this.leases.get(runId)?.owner;
  }

  live(runId: string): RunLease | undefined {
    const lease = this.leases.get(runId);
    if (lease === undefined || lease.expiresAt <= this.now()) return undefined;
    return { owner: lease.owner, expiresAt: new Date(lease.expiresAt).toISOString() };
  }

  drop(runId: string): void {
    this.leases.delete(runId);
  }
}
