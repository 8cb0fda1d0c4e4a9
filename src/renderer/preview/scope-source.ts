import type { ExprScope, WorkflowGraph } from '#engine';
import type { HistoryEvent } from '#shared';
import { emptyNodeIndex, indexEvents } from '../run-model/node-index.js';
import { inputScopeAt } from '../run-model/node-data.js';
import { createTimeline, lastSeq } from '../run-model/timeline.js';

/**
 * Where the designer's expression previews take their data from.
 *
 * A ScopeSource answers, for one node, the scope its expressions would read (`input`, `vars`,
 * `steps`, …) and says where that scope came from. The latest run of the workflow is one
 * source (runScopeSource, served by <LatestRunSource> around the inspector); pinned sample
 * data can be another: derive a state from usePreviewSource() (withStepOutputs lays pinned
 * outputs over the run's steps, staticScopeSource builds one from scratch) and hand it to a
 * <PreviewSourceProvider> inside; every preview under it reads from that instead.
 */
export interface ScopeSource {
  /** Short words for the source, shown with every preview ("latest run 3f2a91c0"). */
  readonly label: string;
  /** The scope `node`'s expressions are previewed against. */
  scopeFor(node: string): PreviewScope;
}

/** One node's preview scope and where it comes from. */
export interface PreviewScope {
  scope: ExprScope;
  /** Where the values come from, in words ("the scope fetch was entered with at #4 of run r_…"). */
  origin: string;
  /** A caveat worth showing (e.g. the node did not run there: the run's final state is used). */
  note?: string;
}

/** The preview's source as it loads: nothing to preview against is a state of its own. */
export type ScopeSourceState =
  | { status: 'loading' }
  /** No data: `message` says so ("no run yet"). */
  | { status: 'none'; message: string }
  | { status: 'error'; message: string }
  | { status: 'ready'; source: ScopeSource };

export const NO_RUN_YET: ScopeSourceState = { status: 'none', message: 'no run yet' };

/** A run id short enough for a line of text (the server's ids, `r_` + 17, are whole). */
export function shortRunId(runId: string): string {
  return runId.length > 24 ? `${runId.slice(0, 12)}…${runId.slice(-6)}` : runId;
}

/** A source from a function: for sample data that is not a run (pinned outputs, a hand-written scope). */
export function staticScopeSource(label: string, scopeFor: (node: string) => PreviewScope): ScopeSource {
  return { label, scopeFor };
}

/**
 * `state`'s source with some steps' outputs replaced (pinned sample data): every node's scope
 * reads `steps.ID.output` from `outputs` for the nodes listed there, everything else from
 * `state`. Without a base source (no run yet), the outputs alone make the scope.
 *
 * @example
 * withStepOutputs(latestRun, { fetch: { status: 200, body: { amount: 500 } } })
 */
export function withStepOutputs(state: ScopeSourceState, outputs: Readonly<Record<string, unknown>>): ScopeSourceState {
  const pinned = Object.keys(outputs);
  // Still loading: the run comes first, so that a preview does not jump from pins alone to both.
  if (pinned.length === 0 || state.status === 'loading') return state;
  const base = state.status === 'ready' ? state.source : undefined;
  const label = base === undefined ? 'pinned data' : `pinned data + ${base.label}`;
  const scopes = new Map<string, PreviewScope>();
  return {
    status: 'ready',
    source: {
      label,
      scopeFor(node) {
        const known = scopes.get(node);
        if (known !== undefined) return known;
        const under = base?.scopeFor(node);
        const steps = { ...(under?.scope.steps ?? {}) };
        for (const id of pinned) steps[id] = { ...(steps[id] ?? { attempts: 1 }), output: outputs[id] };
        const found: PreviewScope = {
          scope: { ...(under?.scope ?? { input: null, vars: {} }), steps },
          origin: `${under === undefined ? '' : `${under.origin}, `}pinned ${pinned.map((id) => `steps.${id}.output`).join(', ')}`,
          ...(under?.note === undefined ? {} : { note: under.note }),
        };
        scopes.set(node, found);
        return found;
      },
    },
  };
}

/**
 * The scope each node saw in one recorded run: for a node that ran, the context as it was
 * when its latest execution was entered (the fold after its `node.entered`, as the engine
 * gave it to the node); for a node that did not run, the run's last state, with a note.
 * Folded from the log in the page, nothing runs. Scopes are folded on first use and kept.
 */
export function runScopeSource(runId: string, events: readonly HistoryEvent[], graph: WorkflowGraph): ScopeSource {
  const timeline = createTimeline(runId, events, graph);
  const index = indexEvents(emptyNodeIndex(), events);
  const short = shortRunId(runId);
  const head = timeline.head;
  const run = { id: runId, workflowId: head.workflowId, version: head.version, startedAt: head.startedAt };
  const scopes = new Map<string, PreviewScope>();
  return {
    label: `latest run ${short}`,
    scopeFor(node) {
      const known = scopes.get(node);
      if (known !== undefined) return known;
      const execution = index.executions.get(node)?.at(-1);
      let found: PreviewScope;
      if (execution !== undefined) {
        const at = inputScopeAt(timeline, execution.enteredSeq);
        const attempt = head.steps[node]?.attempts ?? 1;
        found = {
          scope: { ...at, attempt, run },
          origin: `the scope ${node} was entered with at #${execution.enteredSeq} of run ${short}`,
        };
      } else {
        found = {
          scope: {
            input: head.input,
            vars: head.vars,
            steps: head.steps,
            ...(head.item === undefined ? {} : { item: head.item }),
            ...(head.index === undefined ? {} : { index: head.index }),
            attempt: 1,
            run,
          },
          origin: `the end of run ${short} (#${lastSeq(timeline)})`,
          note: `${node} did not run in run ${short}`,
        };
      }
      scopes.set(node, found);
      return found;
    },
  };
}
