import { callsOut, foldEvents, graphOf, parseWorkflowValue, PINNABLE_KINDS, ranBefore, type RunFold } from '#engine';
import type { ScriptRunner } from '#engine';
import type { Workflow } from '#shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { emptyNodeIndex, indexEvents } from '../run-model/node-index.js';
import { nodeStatuses, type NodeRunInfo } from '../run-model/node-status.js';
import { runToHere, SAMPLE_RUN_ID, type SampleRun, type SampleStop } from '../sample-run/run-to-here.js';
import { errorMessage } from '../transport/backend-error.js';
import type { PinsStore } from './pins-store.js';

/** An http node that would call a real system on the way to the target: it has no pin. */
export interface UnpinnedCall {
  node: string;
  what: string;
}

/** What "run to here" showed: each step's status and data, and why it stopped. */
export interface SampleResult {
  workflowId: string;
  target: string;
  events: SampleRun['events'];
  fold: RunFold;
  statuses: ReadonlyMap<string, NodeRunInfo>;
  stop: SampleStop;
  /** The stop in words, for the banner. */
  message: string;
  tone: 'ok' | 'warn' | 'error';
}

export interface SampleRunState {
  running: boolean;
  result: SampleResult | null;
  /** The last input used per workflow: the next "run to here" takes it again. */
  inputs: ReadonlyMap<string, unknown>;
  /** Asked before running: these http nodes upstream of the target have no pin. */
  confirm: { doc: Workflow; target: string; input: unknown; calls: UnpinnedCall[] } | null;
  /** Refusals that are not a run (an invalid draft), in words. */
  error: string | null;
  /** Runs `doc` in the page to `target`, or asks first (`confirm`) when an http node on the way has no pin. */
  runToHere(doc: Workflow, target: string, input: unknown): Promise<void>;
  /** After `confirm`: runs anyway, stopping before the first node that would call a real system. */
  runUntilUnpinned(): Promise<void>;
  dismissConfirm(): void;
  clear(): void;
}

export type SampleRunStore = StoreApi<SampleRunState>;

export interface SampleRunDeps {
  pins: PinsStore;
  scripts: () => ScriptRunner;
}

/** The http nodes that can run before `target` (and `target` itself) without a pinned output. */
export function unpinnedCalls(doc: Workflow, target: string, pinned: ReadonlySet<string>): UnpinnedCall[] {
  const graph = graphOf(doc);
  if (!graph.hasNode(target)) return [];
  const before = new Set([...ranBefore(graph, target), target]);
  return doc.nodes
    .filter((node) => before.has(node.id) && callsOut(node) && !pinned.has(node.id))
    .map((node) => ({
      node: node.id,
      what: node.kind === 'http' ? `${node.config.method} ${node.config.url}` : node.kind,
    }));
}

function describe(stop: SampleStop, target: string, doc: Workflow): Pick<SampleResult, 'message' | 'tone'> {
  switch (stop.kind) {
    case 'reached':
      return { message: `Ran to ${target} on sample data: no real system was called.`, tone: 'ok' };
    case 'unpinned':
      return {
        message: `Stopped before ${stop.node}: it calls a real system and has no pinned output. Pin one to go on.`,
        tone: 'warn',
      };
    case 'waiting': {
      const waits = stop.outcome.waitingOn.map((w) => `${w.node} (${w.kind})`).join(', ');
      const human = stop.outcome.waitingOn.some((w) => w.kind === 'approval' || w.kind === 'wait');
      return {
        message: human
          ? `Stopped at ${waits}: run to here does not decide approvals or send signals. Pin data after it, or start a real run.`
          : `Stopped at ${waits}: it waits longer than run to here does.`,
        tone: 'warn',
      };
    }
    case 'ended': {
      const { status, error } = stop.outcome;
      if (status === 'failed')
        return {
          message: `The run failed before reaching ${target}: ${error?.message ?? 'no reason given'}`,
          tone: 'error',
        };
      const reached = doc.nodes.some((n) => n.id === target);
      return {
        message: reached
          ? `The run ${status} without reaching ${target}: the path went another way.`
          : `The run ${status}.`,
        tone: 'warn',
      };
    }
  }
}

/** "Run to here": the open draft in the page's engine, on pinned sample data, with nothing real called. */
export function createSampleRunStore(deps: SampleRunDeps): SampleRunStore {
  let generation = 0;
  return createStore<SampleRunState>()((set, get) => {
    const execute = async (doc: Workflow, target: string, input: unknown): Promise<void> => {
      const run = ++generation;
      const { pins } = deps.pins.getState();
      const pinned = new Map<string, unknown>();
      for (const node of doc.nodes) {
        const pin = pins[node.id];
        if (pin !== undefined && PINNABLE_KINDS.has(node.kind)) pinned.set(node.id, pin.output);
      }
      set({ running: true, error: null, inputs: new Map(get().inputs).set(doc.id, input) });
      try {
        const sample = await runToHere({ workflow: doc, input, target, pins: pinned, scripts: deps.scripts() });
        if (run !== generation) return;
        const graph = graphOf(doc);
        const fold = foldEvents(SAMPLE_RUN_ID, sample.events, graph);
        const index = indexEvents(emptyNodeIndex(), sample.events);
        const last = sample.events[sample.events.length - 1];
        const atMs = last === undefined ? Date.now() : Date.parse(last.at);
        const statuses = nodeStatuses(
          doc.nodes.map((n) => n.id),
          fold,
          index,
          sample.events.length,
          atMs,
        );
        set({
          running: false,
          result: {
            workflowId: doc.id,
            target,
            events: sample.events,
            fold,
            statuses,
            stop: sample.stop,
            ...describe(sample.stop, target, doc),
          },
        });
      } catch (err) {
        if (run === generation)
          set({ running: false, result: null, error: `Run to here failed: ${errorMessage(err)}` });
      }
    };

    return {
      running: false,
      result: null,
      inputs: new Map(),
      confirm: null,
      error: null,
      async runToHere(draft, target, input) {
        const parsed = parseWorkflowValue(draft);
        if (!parsed.ok) {
          const first = parsed.problems.find((p) => p.severity === 'error');
          set({
            error: `Fix the design first: ${first?.node === undefined ? '' : `${first.node}: `}${first?.message ?? 'it is not valid'}`,
          });
          return;
        }
        const doc = parsed.workflow;
        const pinned = new Set(Object.keys(deps.pins.getState().pins));
        const calls = unpinnedCalls(doc, target, pinned);
        if (calls.length > 0) {
          set({ confirm: { doc, target, input, calls }, inputs: new Map(get().inputs).set(doc.id, input) });
          return;
        }
        set({ confirm: null });
        await execute(doc, target, input);
      },
      async runUntilUnpinned() {
        const asked = get().confirm;
        if (asked === null) return;
        set({ confirm: null });
        await execute(asked.doc, asked.target, asked.input);
      },
      dismissConfirm: () => set({ confirm: null }),
      clear: () => {
        generation += 1;
        set({ result: null, error: null, running: false, confirm: null });
      },
    };
  });
}
