import { z } from 'zod';
import {
  assertJsonDepth,
  SwitchyardError,
  type ForkChanges,
  WaitingOn,
  type RunRecord,
  type RunTrigger,
  type Workflow,
} from '#shared';
import { emptyFold, foldEvents, type RunFold } from '../history/run-fold.js';
import { foldAt } from '../history/state-at.js';
import { assertValidInput } from '../model/input-schema.js';
import { graphOf, graphOfStored, type WorkflowGraph } from '../model/workflow-graph.js';
import type { ChildOutcome, ChildRuns } from '../nodes/node-executor.js';
import type { EnginePorts } from '../ports.js';
import type { ApprovalDecisionInput, ExternalInput } from './external-input.js';
import { RunDriver, type DriverOptions, type RunOutcome } from './run-driver.js';
import { LeaseKeeper, RunLeasedError } from './run-lease.js';
import { checkForkChanges } from './fork-check.js';
import { mapBounded } from './map-bounded.js';
import { redactingLogger } from './secret-redaction.js';

export interface EngineOptions {
  /** Timers due within this many ms are awaited in-process (default 5000); later ones leave the run waiting. */
  maxInlineWaitMs?: number;
  /** Called after every commit, for live views. */
  onEvents?: DriverOptions['onEvents'];
  /** Who this engine is in run leases (default: a random id per engine; hosts pass `host:pid:random`). */
  owner?: string;
  /** How long a claim lasts unless renewed (default 30 s); it is renewed every third of that while driving. */
  leaseMs?: number;
  /** Whether a lease holder's process still lives, where the host can tell; a dead one's lease is broken. */
  ownerAlive?: (owner: string) => boolean;
  /** Once aborted, this engine drives no run further (see DriverOptions.signal): a host that has seen enough. */
  signal?: AbortSignal;
}

/** A run `resumeAll` left alone: another live process drives it. */
export interface SkippedRun {
  runId: string;
  owner: string;
  expiresAt: string;
}

export interface ResumeAllResult {
  outcomes: RunOutcome[];
  skipped: SkippedRun[];
}

/** How many runs `resumeAll` drives at once. */
const RESUME_CONCURRENCY = 8;
const DEFAULT_LEASE_MS = 30_000;
/** How many events `outcomeOf` reads at a time, from the end, looking for the latest `run.waiting`. */
const OUTCOME_SCAN = 64;

export interface StartOptions {
  maxSteps?: number;
  runId?: string;
  /** Only record the run (its start): a worker (or `resume`) drives it. The outcome says `running`. */
  detach?: boolean;
  /**
   * The trigger that starts the run (recorded on the run and in `run.started`). The store refuses
   * a second run for the same trigger key with CONFLICT (see RunTrigger): a fire starts one run.
   */
  trigger?: RunTrigger;
}

interface ChildStart {
  parentRun: string;
  parentNode: string;
  depth: number;
  item?: unknown;
  index?: number;
}

/** Recursion through subflows stops here (DESIGN §2). */
export const MAX_SUBFLOW_DEPTH = 100;

const ACTIVE_STATUSES = new Set(['running', 'waiting']);

/**
 * The embedded workflow engine: starts runs and moves them on when an approval, a signal,
 * a timer or a restart arrives. Every step is recorded through the `RunStore` port first.
 *
 * @example
 * const engine = new Engine(ports);
 * const outcome = await engine.start(workflow, { amount: 1200 });
 * if (outcome.status === 'waiting') await engine.approve(outcome.runId, 'boss', { decision: 'approved', by: 'ana' });
 */
export class Engine {
  private readonly driverOptions: DriverOptions;
  private readonly leases: LeaseKeeper;

  private readonly ports: EnginePorts;

  constructor(ports: EnginePorts, options: EngineOptions = {}) {
    this.ports =
      ports.secrets === undefined ? ports : { ...ports, logger: redactingLogger(ports.logger, ports.secrets) };
    // Not part of any history (replay never sees it), so the one place the engine may draw a random
    // name itself; hosts pass their own (HOST:PID:RANDOM).
    const owner = options.owner ?? `engine:${Math.random().toString(36).slice(2, 12)}`;
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.driverOptions = {
      maxInlineWaitMs: options.maxInlineWaitMs ?? 5000,
      onEvents: options.onEvents,
      owner,
      leaseMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };
    this.leases = new LeaseKeeper(ports.store, ports.clock, this.ports.logger, {
      owner,
      leaseMs,
      ...(options.ownerAlive === undefined ? {} : { ownerAlive: options.ownerAlive }),
    });
  }

  /** This engine's name in run leases. */
  get owner(): string {
    return this.leases.settings.owner;
  }

  /** Validates the input, records a new run and drives it until it ends or waits. */
  async start(workflow: Workflow, input: unknown, options: StartOptions = {}): Promise<RunOutcome> {
    return this.startRun(workflow, input, options);
  }

  /** Continues a running or waiting run: fires due timers, re-runs interrupted tasks. */
  async resume(runId: string): Promise<RunOutcome> {
    return this.driveHeld(runId, (work) => this.leases.holding(runId, work));
  }

  /**
   * How the run stands, from its row and history alone (no lease, nothing recorded): for a run
   * another process drives (a worker), once it ended or waits.
   */
  async outcomeOf(runId: string): Promise<RunOutcome> {
    const run = await this.requireRun(runId);
    const outcome: RunOutcome = {
      runId,
      status: run.status,
      output: run.status === 'completed' ? (run.output ?? null) : null,
      error: run.error ?? null,
      waitingOn: [],
    };
    if (run.status !== 'waiting') return outcome;
    // The latest `run.waiting` says what the run waits on (its child runs too).
    const last = (await this.ports.store.lastSeq(runId)) ?? 0;
    for (let to = last; to >= 1; to -= OUTCOME_SCAN) {
      const events = await this.ports.store.events(runId, Math.max(1, to - OUTCOME_SCAN + 1), to);
      const waiting = events.findLast((e) => e.type === 'run.waiting');
      const parsed = z.array(WaitingOn).safeParse(waiting?.data?.['waitingOn']);
      if (waiting !== undefined) return { ...outcome, waitingOn: parsed.success ? parsed.data : [] };
    }
    return outcome;
  }

  /**
   * Claims up to `limit` runs that need driving and that nobody drives (new and interrupted
   * runs, waiting runs whose timer fell due) for this engine: each must then be driven with
   * `driveClaimed`, which releases its lease.
   */
  async claimDue(limit: number): Promise<string[]> {
    const { owner, leaseMs } = this.leases.settings;
    return this.ports.store.claimDue(owner, this.ports.clock.now(), limit, leaseMs);
  }

  /** Drives a run `claimDue` handed to this engine until it ends or waits, then releases it. */
  async driveClaimed(runId: string): Promise<RunOutcome> {
    return this.driveHeld(runId, (work) => this.leases.holdingGranted(runId, work));
  }

  /**
   * Resumes every top-level run left running or waiting in the store, several at once, except
   * those another live process drives (reported in `skipped`). `resume` is how each run is
   * resumed (default: this engine's own; a host may pass one that takes its locks too).
   */
  async resumeAll(
    resume: (runId: string) => Promise<RunOutcome> = (runId) => this.resume(runId),
  ): Promise<ResumeAllResult> {
    const candidates: string[] = [];
    for (const status of ['running', 'waiting'] as const) {
      for (const run of await this.ports.store.listRuns({ status })) {
        if (run.parentNode === undefined && !run.imported) candidates.push(run.id);
      }
    }
    const results = await mapBounded(
      candidates,
      RESUME_CONCURRENCY,
      async (runId): Promise<RunOutcome | SkippedRun> => {
        try {
          return await resume(runId);
        } catch (err) {
          if (err instanceof RunLeasedError && err.runId === runId) return { runId, ...err.lease };
          throw err;
        }
      },
    );
    const outcomes: RunOutcome[] = [];
    const skipped: SkippedRun[] = [];
    for (const result of results) {
      if ('owner' in result) skipped.push(result);
      else outcomes.push(result);
    }
    return { outcomes, skipped };
  }

  /** Records an approval decision on `node` of the run (or of one of its waiting child runs), then continues. */
  async approve(runId: string, node: string, decision: ApprovalDecisionInput): Promise<RunOutcome> {
    const target = (await this.findWaitingAt(runId, node, 'approval')) ?? runId;
    return this.applyAndContinue(runId, target, { type: 'approval', node, ...decision });
  }

  /** Delivers signal `event` to the nodes waiting for it (in the run or one of its waiting child runs). */
  async signal(runId: string, event: string, data?: unknown): Promise<RunOutcome> {
    assertJsonDepth(data, `the data of signal ${event}`);
    const target = (await this.findWaitingForSignal(runId, event)) ?? runId;
    return this.applyAndContinue(runId, target, { type: 'signal', event, data });
  }

  /** Cancels the run and its unfinished child runs. */
  async cancel(runId: string, reason = 'cancelled by user'): Promise<RunOutcome> {
    return this.leases.holding(runId, async () => {
      const driver = await this.load(runId);
      await driver.deliver({ type: 'cancel', reason });
      await this.cancelChildren(runId, reason);
      return driver.outcome();
    });
  }

  /**
   * Starts a new run from the state after event `seq` of `runId` and drives it live from there:
   * a what-if fork when `changes` merges vars, replaces the input or replaces the output of nodes
   * that completed by then (checked first: INVALID_FORK_CHANGE, INVALID_INPUT, LIMIT_EXCEEDED).
   * The new run records its parent run and seq, and in `run.started` the `changes` it was given.
   *
   * @example
   * await engine.fork(runId, 4, { outputs: { fetch: { status: 200, headers: {}, body: { amount: 500 } } } });
   */
  async fork(
    runId: string,
    seq: number,
    changes: ForkChanges = {},
    options: { runId?: string } = {},
  ): Promise<RunOutcome> {
    const { store } = this.ports;
    const parent = await store.getRun(runId);
    if (!parent) throw new SwitchyardError('RUN_NOT_FOUND', `run ${runId} does not exist`);
    if (parent.parentNode !== undefined) {
      throw new SwitchyardError(
        'BAD_USAGE',
        `run ${runId} is a child run of ${parent.parentRun ?? '?'}; fork the top-level run instead`,
      );
    }
    if (seq < 1)
      throw new SwitchyardError('BAD_SEQ', `seq ${seq} is out of range: a fork starts after an event (seq 1 or later)`);
    const fold = await foldAt(store, runId, seq);
    const workflow = await store.getWorkflow(runId);
    if (!workflow) throw new SwitchyardError('STORE_FAILED', `run ${runId} has no stored workflow document`);
    const graph = graphOf(workflow);
    const checked = checkForkChanges(changes, fold, graph, workflow);
    const input = checked.input === undefined ? fold.input : checked.input;
    const newId = options.runId ?? this.ports.ids.runId();
    const startedAt = new Date(this.ports.clock.now()).toISOString();
    return this.leases.holding(newId, async () => {
      if (await store.getRun(newId)) throw new SwitchyardError('CONFLICT', `run ${newId} already exists`);
      const driver = this.newDriver(graph, emptyFold(newId));
      driver.createsRun(
        {
          id: newId,
          workflowId: workflow.id,
          version: workflow.version,
          status: 'running',
          input,
          startedAt,
          parentRun: runId,
          forkSeq: seq,
        },
        workflow,
      );
      driver.emit('run.started', undefined, {
        input,
        workflowId: workflow.id,
        version: workflow.version,
        parentRun: runId,
        forkSeq: seq,
        ...(Object.keys(checked).length === 0 ? {} : { changes: checked }),
        restore: fold,
      });
      // A fork between the events of one batch records the rest of that batch's routing first.
      await driver.route();
      await driver.commit();
      return this.driveAndTidy(driver);
    });
  }

  // ---- internals

  /** Loads and drives a run inside `hold` (which holds its lease), then tells waiting parents. */
  private async driveHeld(
    runId: string,
    hold: (
      work: () => Promise<{ outcome: RunOutcome; ended: boolean }>,
    ) => Promise<{ outcome: RunOutcome; ended: boolean }>,
  ): Promise<RunOutcome> {
    const { outcome, ended } = await hold(async () => {
      const driver = await this.load(runId);
      if (driver.ended) return { outcome: driver.outcome(), ended: true };
      return { outcome: await this.driveAndTidy(driver), ended: false };
    });
    return ended ? outcome : this.propagateUp(runId, outcome);
  }

  private async startRun(
    workflow: Workflow,
    input: unknown,
    options: StartOptions,
    child?: ChildStart,
  ): Promise<RunOutcome> {
    assertJsonDepth(input, 'the run input');
    assertValidInput(workflow.id, workflow.input, input);
    const graph = graphOf(workflow);
    const runId = options.runId ?? this.ports.ids.runId();
    const startedAt = new Date(this.ports.clock.now()).toISOString();
    const record: RunRecord = {
      id: runId,
      workflowId: workflow.id,
      version: workflow.version,
      status: 'running',
      input,
      startedAt,
    };
    if (child) {
      record.parentRun = child.parentRun;
      record.parentNode = child.parentNode;
    }
    if (options.trigger !== undefined) record.trigger = options.trigger;
    const driver = this.newDriver(graph, emptyFold(runId));
    driver.createsRun(record, workflow, options.detach !== true);
    const data: Record<string, unknown> = { input, workflowId: workflow.id, version: workflow.version };
    if (options.maxSteps !== undefined) data['maxSteps'] = options.maxSteps;
    if (options.trigger !== undefined) data['trigger'] = options.trigger;
    if (child) {
      data['depth'] = child.depth;
      data['parentRun'] = child.parentRun;
      data['parentNode'] = child.parentNode;
      if (child.index !== undefined) {
        data['item'] = child.item ?? null;
        data['index'] = child.index;
      }
    }
    await driver.begin(data);
    if (options.detach) {
      await driver.commit();
      return driver.outcome();
    }
    return this.leases.holdingGranted(runId, () => this.driveAndTidy(driver));
  }

  private async requireRun(runId: string): Promise<RunRecord> {
    const run = await this.ports.store.getRun(runId);
    if (!run) throw new SwitchyardError('RUN_NOT_FOUND', `run ${runId} does not exist`);
    return run;
  }

  /** A driver over the run's recorded history; the caller holds the run's lease when it will drive it. */
  private async load(runId: string): Promise<RunDriver> {
    const { store } = this.ports;
    const run = await this.requireRun(runId);
    if (run.imported)
      throw new SwitchyardError('CONFLICT', `run ${runId} was imported from a bundle; its history is read-only`);
    const workflow = await store.getWorkflow(runId);
    if (!workflow) throw new SwitchyardError('STORE_FAILED', `run ${runId} has no stored workflow document`);
    const graph = graphOfStored(workflow);
    const events = await store.events(runId);
    const fold = foldEvents(runId, events, graph);
    const driver = this.newDriver(graph, fold);
    driver.restoreEntryContexts(events);
    // A run row without history (written by an older build that created runs in two steps) starts now.
    if (fold.seq === 0) await driver.begin({ input: run.input, workflowId: workflow.id, version: workflow.version });
    return driver;
  }

  private async driveAndTidy(driver: RunDriver): Promise<RunOutcome> {
    const outcome = await driver.drive();
    if (driver.releasedLease) this.leases.endedInStoreFor(driver.runId);
    if (!driver.graph.startsChildRuns) return outcome;
    // Children of nodes that are no longer active (cut-off branches, ended runs) are cancelled.
    const activeNodes = new Set(driver.fold.active.map((a) => a.node));
    for (const child of await this.ports.store.listRuns({ parentRun: driver.runId })) {
      if (ACTIVE_STATUSES.has(child.status) && child.parentNode !== undefined && !activeNodes.has(child.parentNode)) {
        await this.cancel(child.id, `its parent run ${driver.runId} no longer needs it`);
      }
    }
    return outcome;
  }

  private async applyAndContinue(requested: string, target: string, input: ExternalInput): Promise<RunOutcome> {
    const outcome = await this.leases.holding(target, async () => {
      const driver = await this.load(target);
      await driver.deliver(input);
      return this.driveAndTidy(driver);
    });
    return this.propagateUp(target, outcome, requested);
  }

  /** A child run that moved on lets its parent move on too; returns the outcome of `stopAt` (default: the top run). */
  private async propagateUp(runId: string, outcome: RunOutcome, stopAt?: string): Promise<RunOutcome> {
    let current = await this.ports.store.getRun(runId);
    let result = outcome;
    while (current?.parentRun && current.parentNode !== undefined && current.id !== stopAt) {
      const parent = await this.ports.store.getRun(current.parentRun);
      if (!parent || !ACTIVE_STATUSES.has(parent.status)) break;
      // A parent another process drives is its to move on: the child's outcome is recorded.
      const holder = await this.leases.tryAcquire(parent.id);
      if (holder !== undefined) break;
      try {
        result = await this.driveAndTidy(await this.load(parent.id));
      } finally {
        await this.leases.release(parent.id);
      }
      current = parent;
    }
    return result;
  }

  private async cancelChildren(runId: string, reason: string): Promise<void> {
    for (const child of await this.ports.store.listRuns({ parentRun: runId })) {
      if (!ACTIVE_STATUSES.has(child.status) || child.parentNode === undefined) continue;
      await this.leases.holding(child.id, async () => {
        const driver = await this.load(child.id);
        driver.cancel(reason);
        await driver.commit();
      });
      await this.cancelChildren(child.id, reason);
    }
  }

  /** The run (this one or a waiting descendant) where `node` waits for input of `kind`. */
  private findWaitingAt(runId: string, node: string, kind: string): Promise<string | undefined> {
    return this.searchWaiting(runId, (driver) => driver.waitingOn().some((w) => w.node === node && w.kind === kind));
  }

  private findWaitingForSignal(runId: string, event: string): Promise<string | undefined> {
    return this.searchWaiting(runId, (driver) =>
      driver.fold.active.some((a) => {
        if (a.kind !== 'wait') return false;
        const node = driver.graph.node(a.node);
        return node.kind === 'wait' && node.config.events.includes(event);
      }),
    );
  }

  private async searchWaiting(runId: string, matches: (driver: RunDriver) => boolean): Promise<string | undefined> {
    const run = await this.ports.store.getRun(runId);
    if (!run || !ACTIVE_STATUSES.has(run.status) || run.imported) return undefined;
    if (matches(await this.load(runId))) return runId;
    for (const child of await this.ports.store.listRuns({ parentRun: runId })) {
      if (child.parentNode === undefined) continue;
      const found = await this.searchWaiting(child.id, matches);
      if (found) return found;
    }
    return undefined;
  }

  /** One graph per driver: the driver routes with it and its child runs resolve subflows with it. */
  private newDriver(graph: WorkflowGraph, fold: RunFold): RunDriver {
    return new RunDriver(this.ports, graph, fold, this.childRuns(fold.runId, graph), this.driverOptions);
  }

  private childRuns(parentRun: string, graph: WorkflowGraph): ChildRuns {
    const parentWorkflow = graph.doc;
    return {
      run: async (request): Promise<ChildOutcome> => {
        const existing = await this.ports.store.getRun(request.childId);
        let outcome: RunOutcome;
        if (existing) {
          outcome = ACTIVE_STATUSES.has(existing.status)
            ? await this.leases.holding(existing.id, async () => this.driveAndTidy(await this.load(existing.id)))
            : this.recordedOutcome(existing);
        } else {
          const resolved = graph.resolveWorkflow(request.workflowId);
          if (!resolved)
            throw new SwitchyardError(
              'INVALID_WORKFLOW',
              `workflow ${request.workflowId} is neither this document nor one of its subflows`,
            );
          const depth = (await this.depthOf(parentRun)) + 1;
          if (depth > MAX_SUBFLOW_DEPTH) {
            throw new SwitchyardError(
              'MAX_DEPTH',
              `subflows are nested deeper than ${MAX_SUBFLOW_DEPTH} levels (recursion without an end?)`,
            );
          }
          // The child's stored document carries the parent's subflows so that it can resolve them too.
          const childWorkflow: Workflow = { ...resolved, subflows: parentWorkflow.subflows ?? resolved.subflows };
          const child: ChildStart = { parentRun, parentNode: request.node, depth };
          if (request.index !== undefined) {
            child.index = request.index;
            child.item = request.item;
          }
          outcome = await this.startRun(childWorkflow, request.input, { runId: request.childId }, child);
        }
        return this.toChildOutcome(outcome);
      },
    };
  }

  private async depthOf(runId: string): Promise<number> {
    let depth = 0;
    for (
      let run = await this.ports.store.getRun(runId);
      run?.parentRun && run.parentNode !== undefined;
      run = await this.ports.store.getRun(run.parentRun)
    ) {
      depth += 1;
    }
    return depth;
  }

  private recordedOutcome(run: RunRecord): RunOutcome {
    return { runId: run.id, status: run.status, output: run.output ?? null, error: run.error ?? null, waitingOn: [] };
  }

  private toChildOutcome(outcome: RunOutcome): ChildOutcome {
    switch (outcome.status) {
      case 'completed':
        return { status: 'completed', output: outcome.output };
      case 'failed':
        return { status: 'failed', error: outcome.error ?? { code: 'TASK_FAILED', message: 'child run failed' } };
      case 'cancelled':
        return { status: 'cancelled', runId: outcome.runId };
      default:
        return { status: 'waiting', runId: outcome.runId };
    }
  }
}
