/**
 * The state the live engine had after each event equals the state rebuilt from the log alone,
 * for every seq of every example (parallel, looping, retrying, compensating and waiting runs).
 */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../testing/engine.test-support.js';
import { allExamples } from '../testing/examples.test-support.js';
import { findWorkflow, graphOf, type WorkflowGraph } from '../model/workflow-graph.js';
import { foldEvents, toRunState, type RunFold } from './run-fold.js';
import { stateAt } from './state-at.js';

describe('live state equals the state rebuilt from history', () => {
  for (const { file, workflow, input } of allExamples()) {
    it(file, async () => {
      const live = new Map<string, string[]>();
      const folds = new Map<string, RunFold>();
      const graphs = new Map<string, WorkflowGraph>();
      const { engine, store } = testEngine({
        fetch: async () =>
          new Response(JSON.stringify({ name: 'Ada' }), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          }),
        onEvents: (runId, events) => {
          for (const e of events) {
            // A run's first event names its workflow: this document or one of its subflows.
            if (e.type === 'run.started') {
              const doc = findWorkflow(workflow, String(e.data?.['workflowId']));
              if (!doc) throw new Error(`no workflow for ${runId}`);
              graphs.set(runId, graphOf(doc));
            }
            const graph = graphs.get(runId);
            if (!graph) throw new Error(`events of ${runId} before its run.started`);
            const fold = foldEvents(runId, [e], graph, folds.get(runId));
            folds.set(runId, fold);
            live.set(runId, [...(live.get(runId) ?? []), JSON.stringify(toRunState(fold))]);
          }
        },
      });
      const outcome = await engine.start(workflow, input);
      if (outcome.waitingOn[0]?.kind === 'approval')
        await engine.approve(outcome.runId, 'boss', { decision: 'approved', by: 'ana' });
      if (outcome.waitingOn[0]?.kind === 'wait') await engine.signal(outcome.runId, 'paid', { amount: 1 });
      expect(live.size).toBeGreaterThan(0);
      for (const [runId, states] of live) {
        for (const [i, state] of states.entries())
          expect(JSON.stringify(await stateAt(store, runId, i + 1)), `${runId} seq ${i + 1}`).toBe(state);
      }
    });
  }
});
