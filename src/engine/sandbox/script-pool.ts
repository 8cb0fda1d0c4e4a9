import { SwitchyardError } from '#shared';
import { scriptFailed, timeoutError } from './script-errors.js';
import type { ScriptJob, ScriptReply } from './script-thread-protocol.js';
import type { ScriptRequest } from './script-types.js';

/** One thread that runs scripts (a Node worker thread, a Web Worker), one job at a time. */
export interface ScriptThread {
  post(job: ScriptJob): void;
  /** Stops the thread at once, whatever it is doing. */
  terminate(): void;
}

/**
 * What a spawned thread reports back: that it is ready (its interpreter loaded), a job's reply, or
 * that the thread died (crash, out of memory).
 */
export interface ScriptThreadEvents {
  ready(): void;
  reply(reply: ScriptReply): void;
  died(reason: string): void;
}

export type SpawnScriptThread = (events: ScriptThreadEvents) => ScriptThread;

export interface ScriptPoolOptions {
  spawn: SpawnScriptThread;
  /** Threads kept warm; scripts beyond this many wait for a free one. */
  size: number;
  /**
   * How long past a script's `timeoutMs` the thread gets before it is terminated. The interpreter
   * stops most scripts itself at `timeoutMs`; this catches one long native call (a huge
   * `Array.fill`) that its interrupt check cannot reach.
   */
  killGraceMs: number;
}

interface Pending {
  job: ScriptJob;
  signal: AbortSignal | undefined;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

class Slot {
  /** Jobs are posted only to a ready thread, so that a script's deadline never includes the thread's start. */
  ready = false;
  current: Pending | undefined;
  deadline: ReturnType<typeof setTimeout> | undefined;
  onAbort: (() => void) | undefined;
  readonly thread: ScriptThread;

  constructor(spawn: SpawnScriptThread, events: (slot: Slot) => ScriptThreadEvents) {
    this.thread = spawn(events(this));
  }
}

/**
 * Runs scripts off the caller's event loop, in warm threads the pool terminates at a wall-clock
 * deadline (or when the caller aborts) and replaces. Works wherever `spawn` can make a thread:
 * the Node host passes worker threads, a page Web Workers.
 *
 * @example
 * const pool = new ScriptPool({ spawn: spawnWorkerThread, size: 2, killGraceMs: 250 });
 * await pool.run({ code: 'return 1 + 1', scope, timeoutMs: 1000, memoryLimitBytes: 32 << 20 }); // 2
 */
export class ScriptPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ScriptPoolOptions) {}

  run(request: ScriptRequest, signal?: AbortSignal): Promise<unknown> {
    if (this.closed) return Promise.reject(new SwitchyardError('INTERNAL', 'the script pool is closed'));
    if (signal?.aborted === true) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, request }, signal, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates every thread; scripts still queued or running fail. */
  close(): void {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(new SwitchyardError('INTERNAL', 'the script pool closed'));
    for (const slot of this.slots.splice(0)) {
      slot.current?.reject(new SwitchyardError('INTERNAL', 'the script pool closed'));
      this.settle(slot);
      slot.thread.terminate();
    }
  }

  private dispatch(): void {
    // The first script starts every thread, so that later ones find them warm.
    while (this.slots.length < this.options.size && !this.closed) this.grow();
    for (;;) {
      const pending = this.nextLive();
      if (pending === undefined) return;
      const slot = this.slots.find((candidate) => candidate.ready && candidate.current === undefined);
      if (slot === undefined) {
        this.queue.unshift(pending);
        return;
      }
      this.start(slot, pending);
    }
  }

  /** The next queued script whose caller has not given up on it. */
  private nextLive(): Pending | undefined {
    for (let pending = this.queue.shift(); pending !== undefined; pending = this.queue.shift()) {
      if (pending.signal?.aborted !== true) return pending;
      pending.reject(abortError(pending.signal));
    }
    return undefined;
  }

  private grow(): Slot | undefined {
    if (this.slots.length >= this.options.size) return undefined;
    const slot = new Slot(this.options.spawn, (self) => ({
      ready: () => this.onReady(self),
      reply: (reply) => this.onReply(self, reply),
      died: (reason) => this.replace(self, scriptFailed(`the script's thread stopped: ${reason}`)),
    }));
    this.slots.push(slot);
    return slot;
  }

  private onReady(slot: Slot): void {
    if (slot.ready) return;
    slot.ready = true;
    // A thread may say so while it is being spawned: dispatch once the pool has it.
    queueMicrotask(() => this.dispatch());
  }

  private start(slot: Slot, pending: Pending): void {
    slot.current = pending;
    const { timeoutMs } = pending.job.request;
    slot.deadline = setTimeout(() => this.replace(slot, timeoutError(timeoutMs)), timeoutMs + this.options.killGraceMs);
    if (pending.signal !== undefined) {
      const signal = pending.signal;
      slot.onAbort = () => this.replace(slot, abortError(signal));
      signal.addEventListener('abort', slot.onAbort, { once: true });
    }
    slot.thread.post(pending.job);
  }

  private onReply(slot: Slot, reply: ScriptReply): void {
    const pending = slot.current;
    if (pending === undefined || pending.job.id !== reply.id) return;
    this.settle(slot);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new SwitchyardError(reply.code, reply.message));
    this.dispatch();
  }

  /** Fails the slot's script with `error`, terminates its thread and puts a fresh one in its place. */
  private replace(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const pending = slot.current;
    this.settle(slot);
    slot.thread.terminate();
    this.slots.splice(index, 1);
    pending?.reject(error);
    if (this.closed) return;
    // A thread that died before it was ready cannot run scripts: fail the waiting ones rather than
    // spawn its like again and again; the next script tries a fresh thread.
    if (!slot.ready) for (const waiting of this.queue.splice(0)) waiting.reject(error);
    else this.dispatch();
  }

  private settle(slot: Slot): void {
    if (slot.deadline !== undefined) clearTimeout(slot.deadline);
    if (slot.onAbort !== undefined) slot.current?.signal?.removeEventListener('abort', slot.onAbort);
    slot.current = undefined;
    slot.deadline = undefined;
    slot.onAbort = undefined;
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof SwitchyardError
    ? signal.reason
    : new SwitchyardError('CANCELLED', 'the script was no longer needed');
}
