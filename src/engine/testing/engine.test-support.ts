import type { Workflow, WorkflowEdge, WorkflowNode } from '#shared';
import { MemoryRunStore } from '../store/memory-run-store.js';
import { Engine, type EngineOptions } from '../runtime/engine.js';
import type { EnginePorts, FetchFn, SecretProvider, TaskGate } from '../ports.js';
import { SimulatedClock } from './simulated-clock.js';

/** Builds a format-1 document with defaults, for tests. */
export function flow(nodes: unknown[], edges: unknown[], extra: Partial<Workflow> = {}): Workflow {
  return {
    format: 'switchyard/workflow@1',
    id: 'test-flow',
    name: 'Test flow',
    version: 1,
    nodes: nodes as WorkflowNode[],
    edges: edges as WorkflowEdge[],
    ...extra,
  };
}

/** `a>b`, `a:port>b` shorthand for edges. */
export function edges(...specs: string[]): WorkflowEdge[] {
  return specs.map((spec) => {
    const [left = '', to = ''] = spec.split('>');
    const [from = '', port] = left.split(':');
    return port ? { from, to, port } : { from, to };
  });
}

export interface TestEngine {
  engine: Engine;
  store: MemoryRunStore;
  clock: SimulatedClock;
  ports: EnginePorts;
  logs: string[];
}

export interface TestEngineOptions extends EngineOptions {
  fetch?: FetchFn;
  autoAdvance?: boolean;
  /** How the simulated clock waits for the engine to go idle (SimulatedClock `idle`). */
  idle?: (callback: () => void) => void;
  /** Another memory store (a subclass); `now` is the simulated clock. */
  store?: (now: () => number) => MemoryRunStore;
  secrets?: SecretProvider;
  tasks?: TaskGate;
}

export function testEngine(options: TestEngineOptions = {}): TestEngine {
  const clock = new SimulatedClock({
    autoAdvance: options.autoAdvance ?? true,
    ...(options.idle === undefined ? {} : { idle: options.idle }),
  });
  // Leases expire by the simulated clock too.
  const now = (): number => clock.now();
  const store = options.store?.(now) ?? new MemoryRunStore({ now });
  const logs: string[] = [];
  let next = 0;
  const ports: EnginePorts = {
    clock,
    store,
    ids: { runId: () => `r${++next}` },
    fetch: options.fetch ?? (() => Promise.reject(new Error('no network in unit tests'))),
    logger: { log: (level, message) => logs.push(`${level}: ${message}`) },
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    ...(options.tasks === undefined ? {} : { tasks: options.tasks }),
  };
  const engine = new Engine(ports, {
    maxInlineWaitMs: options.maxInlineWaitMs ?? 60_000,
    onEvents: options.onEvents,
    ...(options.owner === undefined ? {} : { owner: options.owner }),
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
    ...(options.ownerAlive === undefined ? {} : { ownerAlive: options.ownerAlive }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { engine, store, clock, ports, logs };
}

/** The event types of a run, in order, with the node where there is one: `node.entered:a`. */
export async function trace(store: MemoryRunStore, runId: string): Promise<string[]> {
  return (await store.events(runId)).map((e) => (e.node ? `${e.type}:${e.node}` : e.type));
}
