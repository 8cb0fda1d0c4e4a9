import {
  assign,
  createActor,
  setup,
  type ActorScope,
  type AnyEventObject,
  type AnyMachineSnapshot,
  type EventObject,
  type StateValue,
} from 'xstate';
import { SwitchyardError, type Workflow } from '#shared';
import { compileWorkflow } from '../compile/compile-workflow.js';
import { CANCELLED_STATE, COMPLETED_STATE, FAILED_STATE } from '../compile/compile-scope.js';
import type { MachineConfigJson, StateJson } from '../compile/machine-config.js';
import { isError, locationPrefix } from '../model/problem.js';
import type { WorkflowGraph } from '../model/workflow-graph.js';

/** What the machine keeps in its context: counts for `first`/`count` joins and the saga's progress. */
export interface RouteContext {
  joins?: Record<string, number>;
  completed?: string[];
  compensated?: number;
}

/** The machine's state in plain JSON: what the fold, checkpoints and forks carry. */
export interface MachineState {
  value: StateValue;
  context: RouteContext;
}

/** What the host must do after a transition, in the order XState ran the actions. */
export type RouteAction =
  | { type: 'enter'; node: string; compensation: boolean }
  | { type: 'leave'; node: string }
  | { type: 'arrive'; join: string }
  /** An approval's or wait's timeout fell due: the node ends by its `timeout` port, or `fails` with TIMEOUT. */
  | { type: 'timedOut'; node: string; fails: boolean };

export type RunEnd = 'completed' | 'failed' | 'cancelled';

export interface RouteStep {
  state: MachineState;
  actions: RouteAction[];
  /** Set when the machine reached one of its final states. */
  end: RunEnd | undefined;
  /** Whether XState took a transition (false: the event does not fit the state). */
  moved: boolean;
}

const MAX_REMEMBERED = 10_000;

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.size >= MAX_REMEMBERED) map.clear();
  map.set(key, value);
}

function isEmpty(context: RouteContext): boolean {
  for (const _ in context) return false;
  return true;
}

function valueKey(value: StateValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The events a host feeds the machine: node outcomes, timeouts and the run-level cancel/fail. */
export interface RouteEvent {
  type: string;
  output?: { port?: string; branches?: string[] };
  error?: unknown;
}

/** A named guard's or action's param, when it has the expected type. */
export function param<T>(params: unknown, key: string, guard: (v: unknown) => v is T): T | undefined {
  const value: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, key) : undefined;
  return guard(value) ? value : undefined;
}
export const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isStrings = (v: unknown): v is string[] => Array.isArray(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/**
 * The implementations behind the compiled config's named guards and actions, for a host
 * that runs the nodes itself. Guards read only the event and the context, so feeding the
 * recorded events again always takes the same transitions. `enter`, `leave`, `arrive` and
 * `timedOut` do nothing here: the host reads them from the actions a transition returns.
 */
export const routeGuards = {
  port: ({ event }: { event: RouteEvent }, params: unknown) => event.output?.port === param(params, 'port', isString),
  branch: ({ event }: { event: RouteEvent }, params: unknown) =>
    event.output?.branches?.includes(param(params, 'to', isString) ?? '') === true,
  joinReady: ({ context }: { context: RouteContext }, params: unknown) =>
    (context.joins?.[param(params, 'join', isString) ?? ''] ?? 0) >= (param(params, 'count', isNumber) ?? 1),
  compensation: ({ context }: { context: RouteContext }, params: unknown) => {
    const next = nextToCompensate(context);
    return next !== undefined && (param(params, 'for', isStrings) ?? []).includes(next);
  },
};

/** The completed node the saga undoes next: the last completed one not compensated yet. */
export function nextToCompensate(context: RouteContext): string | undefined {
  const completed = context.completed ?? [];
  return completed[completed.length - 1 - (context.compensated ?? 0)];
}

/** Context updates, typed for a machine that invokes no actors. */
const update = (fn: (context: RouteContext, params: unknown) => Partial<RouteContext>) =>
  assign<RouteContext, AnyEventObject, unknown, EventObject, never>(({ context }, params) => fn(context, params));

export const routeAssignments = {
  joinReset: update((context, params) => ({
    joins: { ...context.joins, [param(params, 'join', isString) ?? '']: 0 },
  })),
  branchDone: update((context, params) => {
    const join = param(params, 'join', isString) ?? '';
    return { joins: { ...context.joins, [join]: (context.joins?.[join] ?? 0) + 1 } };
  }),
  completed: update((context, params) => ({
    completed: [...(context.completed ?? []), param(params, 'node', isString) ?? ''],
  })),
  compensated: update((context) => ({ compensated: (context.compensated ?? 0) + 1 })),
};

const noop = (): void => undefined;

type GuardImpl = (args: { event: RouteEvent; context: RouteContext }, params: unknown) => boolean;

function buildMachine(config: MachineConfigJson) {
  // Typed as records so that the config's guard/action names may be any string.
  const guards: Record<string, GuardImpl> = routeGuards;
  const actions: Record<string, typeof noop | (typeof routeAssignments)[keyof typeof routeAssignments]> = {
    ...routeAssignments,
    enter: noop,
    leave: noop,
    arrive: noop,
    timedOut: noop,
  };
  return setup({ guards, actions }).createMachine(config);
}

type BuiltMachine = ReturnType<typeof buildMachine>;

const END_OF: Record<string, RunEnd> = {
  [COMPLETED_STATE]: 'completed',
  [FAILED_STATE]: 'failed',
  [CANCELLED_STATE]: 'cancelled',
};

/**
 * A workflow's compiled machine, driven with XState's own pure transition: the one place a
 * run's routing is decided. `initial()` and `step()` return the next state and the actions
 * XState ran, for the host to carry out and record; nothing else in the engine routes.
 *
 * XState's `transition()` helper builds a new inert actor scope (an actor and a system) on
 * every call, which costs more than the transition itself on small machines; this calls the
 * same `machine.transition` with one inert scope per machine (see bench/README.md, B4).
 */
export class RouteMachine {
  readonly config: MachineConfigJson;
  /** The XState machine itself (what `transition()` takes). */
  readonly machine: BuiltMachine;
  private readonly scope: ActorScope<AnyMachineSnapshot, RouteEvent>;
  private collected: RouteAction[] = [];
  /**
   * XState's decisions, remembered: while the context is empty (no count join or saga under
   * way), a transition depends only on the state and the event's type and port, so the same
   * step of another run (or another turn of a loop) is not computed again. Bounded.
   */
  private readonly steps = new Map<string, RouteStep>();
  /** Snapshots of context-free states by value, to feed XState without resolving them again. */
  private readonly snapshots = new Map<string, AnyMachineSnapshot>();
  private paths: Map<string, string[]> | undefined;

  constructor(config: MachineConfigJson) {
    this.config = config;
    this.machine = buildMachine(config);
    const self = createActor(this.machine);
    this.scope = {
      self,
      defer: noop,
      id: '',
      logger: noop,
      sessionId: '',
      stopChild: noop,
      system: self.system,
      emit: noop,
      actionExecutor: (action) => {
        const params: unknown = action.params;
        const node = param(params, 'node', isString);
        if (action.type === 'enter' && node !== undefined)
          this.collected.push({ type: 'enter', node, compensation: param(params, 'compensation', isBoolean) ?? false });
        else if (action.type === 'leave' && node !== undefined) this.collected.push({ type: 'leave', node });
        else if (action.type === 'arrive')
          this.collected.push({ type: 'arrive', join: param(params, 'join', isString) ?? '' });
        else if (action.type === 'timedOut' && node !== undefined)
          this.collected.push({ type: 'timedOut', node, fails: param(params, 'fails', isBoolean) ?? true });
      },
    } as ActorScope<AnyMachineSnapshot, RouteEvent>;
  }

  /**
   * Whether `state` is in the state whose id is `stateId` (a node's state, `P/block`). Read off
   * the config's key paths, so a node id that is also a key the compiler uses (`run`, `b1`)
   * cannot be mistaken for it.
   */
  isIn(state: MachineState, stateId: string): boolean {
    this.paths ??= statePaths(this.config.states, [], new Map());
    const path = this.paths.get(stateId);
    return path !== undefined && valueHas(state.value, path);
  }

  initial(): RouteStep {
    return this.finish(this.machine.getInitialSnapshot(this.scope as never, undefined));
  }

  step(state: MachineState, event: RouteEvent): RouteStep {
    const stateKey = isEmpty(state.context) ? valueKey(state.value) : undefined;
    const key =
      stateKey === undefined
        ? undefined
        : `${stateKey}|${event.type}|${event.output?.port ?? ''}|${event.output?.branches?.join(',') ?? ''}`;
    const known = key === undefined ? undefined : this.steps.get(key);
    if (known) return known;
    const fed = (stateKey === undefined ? undefined : this.snapshots.get(stateKey)) ?? this.resolve(state);
    const next = this.machine.transition(fed as never, event, this.scope as never);
    // A node that re-enters itself leaves XState's snapshot as it was, but runs its actions.
    const step = this.finish(next, next !== fed || this.collected.length > 0);
    if (key !== undefined && isEmpty(step.state.context)) remember(this.steps, key, step);
    return step;
  }

  private resolve(state: MachineState): AnyMachineSnapshot {
    return this.machine.resolveState({ value: state.value, context: state.context });
  }

  private finish(snapshot: AnyMachineSnapshot, moved = true): RouteStep {
    const actions = this.collected;
    this.collected = [];
    const value: StateValue = snapshot.value as StateValue;
    const context = snapshot.context as RouteContext;
    if (isEmpty(context)) remember(this.snapshots, valueKey(value), snapshot);
    const end = typeof value === 'string' ? END_OF[value] : undefined;
    return { state: { value, context }, actions, end, moved };
  }
}

function statePaths(
  states: { readonly [key: string]: StateJson },
  prefix: readonly string[],
  into: Map<string, string[]>,
): Map<string, string[]> {
  for (const [key, state] of Object.entries(states)) {
    const path = [...prefix, key];
    into.set(state.id, path);
    if (state.states) statePaths(state.states, path, into);
  }
  return into;
}

/** Whether a state value includes the state at `path` (keys from the root). */
function valueHas(value: StateValue, path: readonly string[]): boolean {
  let current: StateValue = value;
  for (const [i, key] of path.entries()) {
    if (typeof current === 'string') return i === path.length - 1 && current === key;
    const next: StateValue | undefined = current[key];
    if (next === undefined) return false;
    current = next;
  }
  return true;
}

const machines = new WeakMap<WorkflowGraph, RouteMachine | SwitchyardError>();

/** The machine of a workflow graph, compiled once per graph; INVALID_WORKFLOW when it cannot be compiled. */
export function routeMachineOf(graph: WorkflowGraph): RouteMachine {
  const machine = tryRouteMachineOf(graph);
  if (machine instanceof SwitchyardError) throw machine;
  return machine;
}

/** The compiled machine config of a document, or why it cannot be compiled (INVALID_WORKFLOW). */
export function compiledConfigOf(doc: Workflow): MachineConfigJson | SwitchyardError {
  const { config, diagnostics } = compileWorkflow(doc);
  if (config !== undefined) return config;
  const errors = diagnostics.filter(isError).map((p) => `${locationPrefix(p)}${p.message}`);
  return new SwitchyardError(
    'INVALID_WORKFLOW',
    `workflow ${doc.id} cannot be compiled: ${errors[0] ?? 'no start node'}`,
    errors,
  );
}

/** Like routeMachineOf, with the error as a value (a stored run whose document no longer compiles). */
export function tryRouteMachineOf(graph: WorkflowGraph): RouteMachine | SwitchyardError {
  let machine = machines.get(graph);
  if (machine === undefined) {
    const config = compiledConfigOf(graph.doc);
    machine = config instanceof SwitchyardError ? config : new RouteMachine(config);
    machines.set(graph, machine);
  }
  return machine;
}
