import { SwitchyardError, toErrorInfo, type ErrorInfo, type Workflow, type WorkflowNode } from '#shared';
import {
  assign,
  createActor,
  enqueueActions,
  fromPromise,
  raise,
  setup,
  toPromise,
  type AnyStateMachine,
} from 'xstate';
import type { StateJson, TransitionJson, TransitionsJson } from '../compile/machine-config.js';
import { evaluateExpression, renderTemplate, seededRandom, type ExprScope } from '../expr/index.js';
import { graphOf } from '../model/workflow-graph.js';
import { execute, loadExecutors } from '../nodes/executors.js';
import type { ChildRuns, ExecResult } from '../nodes/node-executor.js';
import type { Clock, FetchFn, Logger } from '../ports.js';
import { maxAttempts, retryDelayMs } from '../runtime/retry-policy.js';
import {
  compiledConfigOf,
  isBoolean,
  isString,
  param,
  routeAssignments,
  routeGuards,
  type RouteContext,
} from './route-machine.js';

const isEnd = (v: unknown): v is 'completed' | 'failed' | 'cancelled' =>
  v === 'completed' || v === 'failed' || v === 'cancelled';

/** What a host supplies to run a workflow's machine as a plain XState actor. */
export interface SwitchyardImplementations {
  clock: Clock;
  fetch: FetchFn;
  logger?: Logger;
  /** Decides an approval node (absent: approval nodes fail). */
  approval?: (request: { node: string; title: string; approvers: string[] }) => Promise<{
    decision: 'approved' | 'rejected';
    by: string;
    comment?: string;
  }>;
  /** Delivers the first of a wait node's signals (absent: wait nodes fail). */
  signal?: (request: { node: string; events: string[] }) => Promise<{ event: string; data?: unknown }>;
}

/** The machine's output once it stops. */
export interface SwitchyardOutput {
  status: 'completed' | 'failed' | 'cancelled';
  output: unknown;
  error: ErrorInfo | null;
}

interface PlainContext extends RouteContext {
  input: unknown;
  vars: Record<string, unknown>;
  steps: ExprScope['steps'];
  arrivals: Record<string, string[]>;
  output: unknown;
  /** The latest failure of a node; it becomes the run's error when the run goes to `_failing`. */
  lastError: ErrorInfo | null;
  error: ErrorInfo | null;
  ended: 'completed' | 'failed' | 'cancelled' | null;
}

interface NodeOutcome {
  port?: string;
  output: unknown;
  vars?: Record<string, unknown>;
  branches?: string[];
}

const DONE = 'xstate.done.actor.';
const ERROR = 'xstate.error.actor.';

/** Adds the `record` action (outputs into the context) to every node outcome transition of the config. */
function withRecording(state: StateJson): StateJson {
  const on = state.on
    ? Object.fromEntries(
        Object.entries(state.on).map(([event, transitions]) => {
          const node = event.startsWith(DONE)
            ? event.slice(DONE.length)
            : event.startsWith(ERROR)
              ? event.slice(ERROR.length)
              : undefined;
          if (node === undefined) return [event, transitions];
          const record = (t: TransitionJson): TransitionJson => ({
            ...t,
            actions: [{ type: 'record', params: { node } }, ...(t.actions ?? [])],
          });
          const recorded: TransitionsJson = Array.isArray(transitions) ? transitions.map(record) : record(transitions);
          return [event, recorded];
        }),
      )
    : undefined;
  const states = state.states
    ? Object.fromEntries(Object.entries(state.states).map(([k, s]) => [k, withRecording(s)]))
    : undefined;
  return { ...state, ...(on ? { on } : {}), ...(states ? { states } : {}) };
}

/**
 * The machine a workflow compiles to, with real implementations: the engine's node
 * executors run as the actors its states spawn, so it runs with XState's own `createActor`
 * and no Switchyard engine, store or history (the engine routes with the very same config).
 * Time, network, approvals and signals come from `impl`. The actor's input is the run input;
 * `switchyardOutcome(actor.getSnapshot())` is `{status, output, error}` once it stopped.
 *
 * @example
 * const actor = createActor(createSwitchyardMachine(doc, { clock, fetch }), { input: { amount: 5 } });
 * actor.start();
 * await toPromise(actor);
 * const { status, output } = switchyardOutcome(actor.getSnapshot());
 */
export function createSwitchyardMachine(doc: Workflow, impl: SwitchyardImplementations) {
  const config = compiledConfigOf(doc);
  if (config instanceof SwitchyardError) throw config;
  const graph = graphOf(doc);
  const states = Object.fromEntries(Object.entries(config.states).map(([k, s]) => [k, withRecording(s)]));
  for (const [key, status] of [
    ['_completed', 'completed'],
    ['_failed', 'failed'],
    ['_cancelled', 'cancelled'],
  ] as const) {
    const final = states[key];
    if (final) states[key] = { ...final, entry: [{ type: 'ended', params: { status } }] };
  }
  const failing = states['_failing'];
  if (failing) states['_failing'] = { ...failing, entry: [{ type: 'failing' }] };
  const runNode = (node: WorkflowNode, context: PlainContext): Promise<NodeOutcome> =>
    runWithRetries(node, context, doc, impl);
  const plainActions = {
    ...routeAssignments,
    ended: assign((_: unknown, params: unknown) => ({ ended: param(params, 'status', isEnd) ?? null })),
    failing: assign(({ context }: { context: PlainContext }) => ({ error: context.error ?? context.lastError })),
    enter: enqueueActions(
      (
        {
          enqueue,
          context,
        }: { enqueue: { spawnChild: (src: 'node', o: { id: string; input: unknown }) => void }; context: PlainContext },
        params: unknown,
      ) => {
        const id = param(params, 'node', isString) ?? '';
        enqueue.spawnChild('node', { id, input: { node: id, context } });
      },
    ),
    leave: enqueueActions(({ enqueue }: { enqueue: { stopChild: (id: string) => void } }, params: unknown) => {
      enqueue.stopChild(param(params, 'node', isString) ?? '');
    }),
    // The compiled `after` transition of an approval or wait: the node ends as the machine says.
    timedOut: raise((_: unknown, params: unknown) => {
      const id = param(params, 'node', isString) ?? '';
      const node = graph.node(id);
      if (param(params, 'fails', isBoolean) ?? true)
        return {
          type: ERROR + id,
          error: new SwitchyardError('TIMEOUT', `${node.kind} timed out after ${node.timeoutMs ?? 0} ms`),
        };
      const at = new Date(impl.clock.now()).toISOString();
      const output = node.kind === 'approval' ? { decision: 'timeout', by: null, comment: null, at } : null;
      return { type: DONE + id, output: { port: 'timeout', output } satisfies NodeOutcome };
    }),
    arrive: assign(({ context, event }: { context: PlainContext; event: { type: string } }, params: unknown) => {
      const join = param(params, 'join', isString) ?? '';
      const from = event.type.startsWith(DONE) ? event.type.slice(DONE.length) : '';
      return { arrivals: { ...context.arrivals, [join]: [...(context.arrivals[join] ?? []), from] } };
    }),
    record: assign(
      (
        { context, event }: { context: PlainContext; event: { type: string; output?: NodeOutcome; error?: unknown } },
        params: unknown,
      ) => {
        const node = param(params, 'node', isString) ?? '';
        const kind = graph.hasNode(node) ? graph.node(node).kind : undefined;
        if (event.type.startsWith(ERROR)) {
          const error = toErrorInfo(event.error, 'TASK_FAILED');
          return {
            steps: { ...context.steps, [node]: { error, attempts: 1 } },
            lastError: { code: error.code, message: `node ${node}: ${error.message}` },
          };
        }
        const outcome = event.output ?? { output: null };
        const steps = { ...context.steps, [node]: { output: outcome.output ?? null, attempts: 1 } };
        const vars = outcome.vars ? { ...context.vars, ...outcome.vars } : context.vars;
        if (kind === 'end') return { steps, vars, output: outcome.output ?? null };
        if (kind === 'fail')
          return { steps, vars, lastError: { code: 'WORKFLOW_FAILED', message: String(outcome.output) } };
        return { steps, vars };
      },
    ),
  };
  // The config's guard and action names are plain strings (it is JSON); XState's types want
  // literal names, so the implementations are handed over through a loosely typed setup.
  const looseSetup = setup as unknown as (implementations: object) => {
    createMachine(config: object): AnyStateMachine;
  };
  return looseSetup({
    guards: routeGuards,
    actions: plainActions,
    actors: {
      node: fromPromise<NodeOutcome, { node: string; context: PlainContext }>(({ input }) =>
        runNode(graph.node(input.node), input.context),
      ),
    },
  }).createMachine({
    ...config,
    states,
    context: ({ input }: { input: unknown }): PlainContext => ({
      input,
      vars: {},
      steps: {},
      arrivals: {},
      output: null,
      lastError: null,
      error: null,
      ended: null,
    }),
  });
}

/**
 * The outcome of a stopped actor of `createSwitchyardMachine`: how it ended, the `end` node's
 * output, the run's error.
 */
export function switchyardOutcome(snapshot: { context: unknown }): SwitchyardOutput {
  const context = snapshot.context as PlainContext;
  const status = context.ended ?? 'completed';
  return {
    status,
    output: status === 'completed' ? context.output : null,
    error: status === 'failed' ? context.error : null,
  };
}

function scopeOf(context: PlainContext): ExprScope {
  return { input: context.input, vars: context.vars, steps: context.steps };
}

async function runWithRetries(
  node: WorkflowNode,
  context: PlainContext,
  doc: Workflow,
  impl: SwitchyardImplementations,
): Promise<NodeOutcome> {
  const attempts = maxAttempts(node.retry);
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(node, context, attempt, doc, impl);
    } catch (err) {
      if (attempt >= attempts) throw err;
      await impl.clock.sleep(retryDelayMs(node.retry, attempt));
    }
  }
}

async function runOnce(
  node: WorkflowNode,
  context: PlainContext,
  attempt: number,
  doc: Workflow,
  impl: SwitchyardImplementations,
): Promise<NodeOutcome> {
  const scope = { ...scopeOf(context), attempt };
  const env = { now: () => impl.clock.now(), random: seededRandom(`${node.id}:${attempt}`) };
  const evaluate = (_field: string, source: string) => evaluateExpression(source, scope, env);
  const render = (_field: string, template: string) => renderTemplate(template, scope, env);
  const timedOut = (): never => {
    throw new SwitchyardError('TIMEOUT', `${node.kind} timed out after ${node.timeoutMs ?? 0} ms`);
  };
  // A task's own time limit (approvals and waits time out by the machine's `after` transitions).
  const withTimeout = async (work: Promise<NodeOutcome>): Promise<NodeOutcome> =>
    node.timeoutMs === undefined ? work : Promise.race([work, impl.clock.sleep(node.timeoutMs).then(timedOut)]);
  switch (node.kind) {
    case 'delay': {
      const { ms, until } = node.config;
      const due =
        until !== undefined
          ? Date.parse(String(await evaluate('until', until))) - impl.clock.now()
          : Number(typeof ms === 'number' ? ms : await evaluate('ms', ms ?? '0'));
      await impl.clock.sleep(Math.max(0, due));
      return { output: null };
    }
    case 'approval': {
      if (!impl.approval) throw new SwitchyardError('TASK_FAILED', `approval ${node.id} needs an approval hook`);
      const request = {
        node: node.id,
        title: await render('title', node.config.title),
        approvers: node.config.approvers ?? [],
      };
      const decision = await impl.approval(request);
      return {
        port: decision.decision,
        output: {
          decision: decision.decision,
          by: decision.by,
          comment: decision.comment ?? null,
          at: new Date(impl.clock.now()).toISOString(),
        },
      };
    }
    case 'wait': {
      if (!impl.signal) throw new SwitchyardError('TASK_FAILED', `wait ${node.id} needs a signal hook`);
      const signal = await impl.signal({ node: node.id, events: node.config.events });
      return { port: signal.event, output: signal.data ?? null };
    }
    default: {
      const children: ChildRuns = {
        run: async (request) => {
          const child = graphOf(doc).resolveWorkflow(request.workflowId);
          if (!child)
            throw new SwitchyardError('INVALID_WORKFLOW', `workflow ${request.workflowId} is not in this document`);
          const actor = createActor(
            createSwitchyardMachine({ ...child, subflows: doc.subflows ?? child.subflows }, impl),
            { input: request.input },
          );
          actor.start();
          await toPromise(actor);
          const result = switchyardOutcome(actor.getSnapshot());
          if (result.status === 'completed') return { status: 'completed', output: result.output };
          if (result.status === 'failed')
            return { status: 'failed', error: result.error ?? { code: 'TASK_FAILED', message: 'failed' } };
          return { status: 'cancelled', runId: request.childId };
        },
      };
      await loadExecutors();
      const work = execute({
        node,
        runId: doc.id,
        enteredSeq: 0,
        attempt,
        scope,
        env,
        signal: new AbortController().signal,
        ports: { fetch: impl.fetch, logger: impl.logger ?? { log: () => undefined } },
        idempotencyKey: `${doc.id}:${node.id}:${attempt}`,
        children,
        outgoing: graphOf(doc).outgoing(node.id),
        arrivals:
          node.kind === 'join'
            ? (context.arrivals[node.id] ?? []).filter((from) => from !== graphOf(doc).parallelOfJoin(node.id))
            : [],
        evaluate,
        render,
      });
      const outcome = (result: ExecResult | undefined): NodeOutcome => {
        if (result === undefined) return { output: null };
        if ('waitingOn' in result) throw new SwitchyardError('TASK_FAILED', `node ${node.id} waits on child runs`);
        return result;
      };
      return withTimeout((work ?? Promise.resolve(undefined)).then(outcome));
    }
  }
}
