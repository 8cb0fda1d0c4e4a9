import { SwitchyardError } from '#shared';
import type { Clock, Logger, RunLease, RunStore } from '../ports.js';

/** Another live owner drives the run: the operation is refused before anything is recorded. */
export class RunLeasedError extends SwitchyardError {
  constructor(
    readonly runId: string,
    readonly lease: RunLease,
  ) {
    super('CONFLICT', `run ${runId} is being driven by ${lease.owner} (lease until ${lease.expiresAt})`);
  }
}

export interface LeaseSettings {
  owner: string;
  leaseMs: number;
  /**
   * Whether the process behind a lease holder is still alive, where the host can tell (a
   * killed CLI on this machine); a dead holder's lease is broken instead of waited out.
   */
  ownerAlive?: (owner: string) => boolean;
}

/**
 * The leases one engine holds: a run is claimed before it is driven, renewed every leaseMs/3
 * while any operation drives it, and released when the last of them ends. Operations of one
 * engine on the same run share the lease (counted), so an inner one never releases an outer one's.
 */
export class LeaseKeeper {
  private readonly held = new Map<string, number>();
  /** Runs whose lease the store already ended (with the append that ended the run, or never began). */
  private readonly endedInStore = new Set<string>();
  private renewing: AbortController | undefined;

  constructor(
    private readonly store: RunStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly settings: LeaseSettings,
  ) {}

  /** Runs `work` while holding the run's lease; RunLeasedError when another live owner holds it. */
  async holding<T>(runId: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(runId);
    return this.releasingAfter(runId, work);
  }

  /** The live lease of someone else on the run, or undefined once this engine holds it. */
  async tryAcquire(runId: string): Promise<RunLease | undefined> {
    const count = this.held.get(runId) ?? 0;
    if (count === 0) {
      const holder = await this.claim(runId);
      if (holder !== undefined) return holder;
    }
    this.held.set(runId, count + 1);
    this.startRenewing();
    return undefined;
  }

  /** Takes over a lease the store granted this owner already (`claimDue`): renewed and released as any other. */
  adopt(runId: string): void {
    this.held.set(runId, (this.held.get(runId) ?? 0) + 1);
    this.startRenewing();
  }

  /**
   * Runs `work` on a run whose lease this owner holds already — `claimDue` granted it, or the
   * run is created leased — then releases it.
   */
  async holdingGranted<T>(runId: string, work: () => Promise<T>): Promise<T> {
    this.adopt(runId);
    return this.releasingAfter(runId, work);
  }

  private async releasingAfter<T>(runId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      await this.release(runId);
    }
  }

  /** The store ended the lease itself (the append that ended the run): the last release need not. */
  endedInStoreFor(runId: string): void {
    if (this.held.has(runId)) this.endedInStore.add(runId);
  }

  async acquire(runId: string): Promise<void> {
    const holder = await this.tryAcquire(runId);
    if (holder !== undefined) throw new RunLeasedError(runId, holder);
  }

  async release(runId: string): Promise<void> {
    const count = (this.held.get(runId) ?? 1) - 1;
    if (count > 0) {
      this.held.set(runId, count);
      return;
    }
    this.held.delete(runId);
    if (this.held.size === 0) this.stopRenewing();
    if (this.endedInStore.delete(runId)) return;
    await this.store.release(runId, this.settings.owner);
  }

  /** Claims the run; returns the other owner's live lease when that fails. */
  private async claim(runId: string): Promise<RunLease | undefined> {
    const { owner, leaseMs, ownerAlive } = this.settings;
    // Twice at most: once more after a lease that expired, or whose dead holder's lease was broken, in between.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.store.claim(runId, owner, leaseMs)) return undefined;
      const lease = await this.store.leaseOf(runId);
      if (lease === undefined) continue;
      if (attempt > 0 || ownerAlive === undefined || ownerAlive(lease.owner)) return lease;
      this.logger.log('warn', `run ${runId}: breaking the lease of ${lease.owner}, whose process is gone`);
      // Releases only if that owner still holds it: of several breakers, one claim wins.
      await this.store.release(runId, lease.owner);
    }
    return (await this.store.leaseOf(runId)) ?? { owner: 'another owner', expiresAt: '?' };
  }

  private startRenewing(): void {
    if (this.renewing !== undefined) return;
    const stop = new AbortController();
    this.renewing = stop;
    void this.renewLoop(stop.signal).catch((err: unknown) =>
      this.logger.log('error', `renewing run leases failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private stopRenewing(): void {
    this.renewing?.abort();
    this.renewing = undefined;
  }

  private async renewLoop(signal: AbortSignal): Promise<void> {
    const { owner, leaseMs } = this.settings;
    for (;;) {
      await this.clock.sleep(leaseMs / 3, signal, { background: true });
      if (signal.aborted) return;
      for (const runId of [...this.held.keys()]) {
        let renewed: boolean;
        try {
          renewed = await this.store.renew(runId, owner, leaseMs);
        } catch (err) {
          // Tried again next round: after two failed rounds in a row a third of the lease still remains.
          const reason = err instanceof Error ? err.message : String(err);
          this.logger.log('warn', `run ${runId}: renewing the lease of ${owner} failed, will retry: ${reason}`);
          continue;
        }
        if (renewed) continue;
        // Its next append is refused (CONFLICT): the run is someone else's now.
        this.logger.log('warn', `run ${runId}: the lease of ${owner} was lost to another owner`);
      }
    }
  }
}
