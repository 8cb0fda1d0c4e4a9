/**
 * The state the live engine had after each event equals the state rebuilt from the log alone,
 * for every seq of every example (parallel, looping, retrying, compensating and waiting runs).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workflow } from '#shared';
import { testEngine } from '../testing/engine.test-support.js';
import { findWorkflow, graphOf, type WorkflowGraph } from '../model/workflow-graph.js';
import { foldEvents, toRunState, type RunFold } from './run-fold.js';
import { stateAt } from './state-at.js';

const examplesDir = resolve(import.meta.dirname, '../../../assets/examples');

const inputs: Record<string, unknown> = {
  'order-approval': { amount: 5000, customer: 'ACME' },
  'data-pipeline': {
    records: [
      { name: 'a', value: 1 },
      { name: 'b', value: 2, flaky: true },
    ],
  },
  'trip-booking-saga': { carAvailable: false },
  'fetch-user': { baseUrl: 'http://example.test', userId: 1 },
  'parallel-enrich': { name: 'Ada', company: true },
  'payment-signal': { email: 'a@b.c' },
  'reminder-delay': { waitMs: 10 },
  'ticket-router': { priority: 'low', topic: 'billing' },
  'retry-countdown': { from: 4 },
  'quote-race': {},
  'factorial-recursion': { n: 4 },
};

describe('live state equals the state rebuilt from history', () => {
  for (const file of readdirSync(examplesDir).filter((f) => f.endsWith('.flow.json'))) {
    it(file, async () => {
      const workflow = Workflow.parse(JSON.parse(readFileSync(join(examplesDir, file), 'utf8')));
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
      const outcome = await engine.start(workflow, inputs[workflow.id] ?? {});
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
