import { SwitchyardError, type RunRecord, type Workflow } from '#shared';
import { emptyFold, foldEvents, type RunFold } from '../history/run-fold.js';
import { foldAt } from '../history/state-at.js';
import { assertValidInput } from '../model/input-schema.js';
import { graphOf, type WorkflowGraph } from '../model/workflow-graph.js';
import type { ChildOutcome, ChildRuns } from '../nodes/node-executor.js';
import type { EnginePorts } from '../ports.js';
import type { ExternalInput } from './external-input.js';
import { RunDriver, type DriverOptions, type RunOutcome } from './run-driver.js';

export interface EngineOptions {
  /** Timers due within this many ms are awaited in-process (default 5000); later ones leave the run waiting. */
  maxInlineWaitMs?: number;
  /** Called after every commit, for live views. */
  onEvents?: DriverOptions['onEvents'];
}

export interface StartOptions {
  maxSteps?: number;
  runId?: string;
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

  constructor(
    private readonly ports: EnginePorts,
    options: EngineOptions = {},
  ) {
    this.driverOptions = { maxInlineWaitMs: options.maxInlineWaitMs ?? 5000, onEvents: options.onEvents };
  }

  /** Validates the input, records a new run and drives it until it ends or waits. */
  async start(workflow: Workflow, input: unknown, options: StartOptions = {}): Promise<RunOutcome> {
    return this.startRun(workflow, input, options);
  }

  /** Continues a running or waiting run: fires due timers, re-runs interrupted tasks. */
  async resume(runId: string): Promise<RunOutcome> {
    const driver = await this.load(runId);
    if (driver.ended) return driver.outcome();
    const outcome = await this.driveAndTidy(driver);
    return this.propagateUp(runId, outcome);
  }

  /** Resumes every top-level run left running or waiting in the store. */
  async resumeAll(): Promise<RunOutcome[]> {
    const outcomes: RunOutcome[] = [];
    for (const status of ['running', 'waiting'] as const) {
      for (const run of this.ports.store.listRuns({ status })) {
        if (run.parentNode === undefined && !run.imported) outcomes.push(await this.resume(run.id));
      }
    }
    return outcomes;
  }

  /** Records an approval decision on `node` of the run (or of one of its waiting child runs), then continues. */
  async approve(
    runId: string,
    node: string,
    decision: { decision: 'approved' | 'rejected'; by: string; comment?: string },
  ): Promise<RunOutcome> {
    const target = (await this.findWaitingAt(runId, node, 'approval')) ?? runId;
    return this.applyAndContinue(runId, target, { type: 'approval', node, ...decision });
  }

  /** Delivers signal `event` to the nodes waiting for it (in the run or one of its waiting child runs). */
  async signal(runId: string, event: string, data?: unknown): Promise<RunOutcome> {
    const target = (await this.findWaitingForSignal(runId, event)) ?? runId;
    return this.applyAndContinue(runId, target, { type: 'signal', event, data });
  }

  /** Cancels the run and its unfinished child runs. */
  async cancel(runId: string, reason = 'cancelled by user'): Promise<RunOutcome> {
    const driver = await this.load(runId);
    await driver.deliver({ type: 'cancel', reason });
    await this.cancelChildren(runId, reason);
    return driver.outcome();
  }

  /**
   * Starts a new run from the state after event `seq` of `runId`, with `vars` merged in,
   * and drives it live from there. The new run records its parent run and seq.
   */
  async fork(
    runId: string,
    seq: number,
    vars: Record<string, unknown> = {},
    options: { runId?: string } = {},
  ): Promise<RunOutcome> {
    const { store } = this.ports;
    const parent = store.getRun(runId);
    if (!parent) throw new SwitchyardError('RUN_NOT_FOUND', `run ${runId} does not exist`);
    if (parent.parentNode !== undefined) {
      throw new SwitchyardError(
        'BAD_USAGE',
        `run ${runId} is a child run of ${parent.parentRun ?? '?'}; fork the top-level run instead`,
      );
    }
    if (seq < 1)
      throw new SwitchyardError('BAD_SEQ', `seq ${seq} is out of range: a fork starts after an event (seq 1 or later)`);
    const fold = foldAt(store, runId, seq);
    const workflow = store.getWorkflow(runId);
    if (!workflow) throw new SwitchyardError('STORE_FAILED', `run ${runId} has no stored workflow document`);
    const newId = options.runId ?? this.ports.ids.runId();
    const startedAt = new Date(this.ports.clock.now()).toISOString();
    if (store.getRun(newId)) throw new SwitchyardError('CONFLICT', `run ${newId} already exists`);
    const driver = this.newDriver(graphOf(workflow), emptyFold(newId));
    driver.createsRun(
      {
        id: newId,
        workflowId: workflow.id,
        version: workflow.version,
        status: 'running',
        input: fold.input,
        startedAt,
        parentRun: runId,
        forkSeq: seq,
      },
      workflow,
    );
    driver.emit('run.started', undefined, {
      input: fold.input,
      workflowId: workflow.id,
      version: workflow.version,
      parentRun: runId,
      forkSeq: seq,
      vars,
      restore: fold,
    });
    // A fork between the events of one batch records the rest of that batch's routing first.
    await driver.route();
    driver.commit();
    return this.driveAndTidy(driver);
  }

  // ---- internals

  private async startRun(
    workflow: Workflow,
    input: unknown,
    options: StartOptions,
    child?: ChildStart,
  ): Promise<RunOutcome> {
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
    const driver = this.newDriver(graph, emptyFold(runId));
    driver.createsRun(record, workflow);
    const data: Record<string, unknown> = { input, workflowId: workflow.id, version: workflow.version };
    if (options.maxSteps !== undefined) data['maxSteps'] = options.maxSteps;
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
    return this.driveAndTidy(driver);
  }

  private async load(runId: string): Promise<RunDriver> {
    const { store } = this.ports;
    const run = store.getRun(runId);
    if (!run) throw new SwitchyardError('RUN_NOT_FOUND', `run ${runId} does not exist`);
    if (run.imported)
      throw new SwitchyardError('CONFLICT', `run ${runId} was imported from a bundle; its history is read-only`);
    const workflow = store.getWorkflow(runId);
    if (!workflow) throw new SwitchyardError('STORE_FAILED', `run ${runId} has no stored workflow document`);
    const graph = graphOf(workflow);
    const fold = foldEvents(runId, store.events(runId), graph);
    const driver = this.newDriver(graph, fold);
    // A run row without history (written by an older build that created runs in two steps) starts now.
    if (fold.seq === 0) await driver.begin({ input: run.input, workflowId: workflow.id, version: workflow.version });
    return driver;
  }

  private async driveAndTidy(driver: RunDriver): Promise<RunOutcome> {
    const outcome = await driver.drive();
    if (!driver.graph.startsChildRuns) return outcome;
    // Children of nodes that are no longer active (cut-off branches, ended runs) are cancelled.
    const activeNodes = new Set(driver.fold.active.map((a) => a.node));
    for (const child of this.ports.store.listRuns({ parentRun: driver.runId })) {
      if (ACTIVE_STATUSES.has(child.status) && child.parentNode !== undefined && !activeNodes.has(child.parentNode)) {
        await this.cancel(child.id, `its parent run ${driver.runId} no longer needs it`);
      }
    }
    return outcome;
  }

  private async applyAndContinue(requested: string, target: string, input: ExternalInput): Promise<RunOutcome> {
    const driver = await this.load(target);
    await driver.deliver(input);
    const outcome = await this.driveAndTidy(driver);
    const top = await this.propagateUp(target, outcome, requested);
    return top;
  }

  /** A child run that moved on lets its parent move on too; returns the outcome of `stopAt` (default: the top run). */
  private async propagateUp(runId: string, outcome: RunOutcome, stopAt?: string): Promise<RunOutcome> {
    let current = this.ports.store.getRun(runId);
    let result = outcome;
    while (current?.parentRun && current.parentNode !== undefined && current.id !== stopAt) {
      const parent = this.ports.store.getRun(current.parentRun);
      if (!parent || !ACTIVE_STATUSES.has(parent.status)) break;
      result = await this.driveAndTidy(await this.load(parent.id));
      current = parent;
    }
    return result;
  }

  private async cancelChildren(runId: string, reason: string): Promise<void> {
    for (const child of this.ports.store.listRuns({ parentRun: runId })) {
      if (!ACTIVE_STATUSES.has(child.status) || child.parentNode === undefined) continue;
      const driver = await this.load(child.id);
      driver.cancel(reason);
      driver.commit();
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
    const run = this.ports.store.getRun(runId);
    if (!run || !ACTIVE_STATUSES.has(run.status) || run.imported) return undefined;
    if (matches(await this.load(runId))) return runId;
    for (const child of this.ports.store.listRuns({ parentRun: runId })) {
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
        const existing = this.ports.store.getRun(request.childId);
        let outcome: RunOutcome;
        if (existing) {
          outcome = ACTIVE_STATUSES.has(existing.status)
            ? await this.driveAndTidy(await this.load(existing.id))
            : this.recordedOutcome(existing);
        } else {
          const resolved = graph.resolveWorkflow(request.workflowId);
          if (!resolved)
            throw new SwitchyardError(
              'INVALID_WORKFLOW',
              `workflow ${request.workflowId} is neither this document nor one of its subflows`,
            );
          const depth = this.depthOf(parentRun) + 1;
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

  private depthOf(runId: string): number {
    let depth = 0;
    for (
      let run = this.ports.store.getRun(runId);
      run?.parentRun && run.parentNode !== undefined;
      run = this.ports.store.getRun(run.parentRun)
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
