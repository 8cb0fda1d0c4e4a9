import { z } from 'zod';
import { stateAt, type RunFilter, type RunStore } from '#engine';
import { SwitchyardError } from '#shared';
import type { Handlers } from './handler-types.js';
import type { LockedEngine } from './locked-engine.js';
import { requireRun } from './run-queries.js';
import { lazyCatalog, withoutStatechart } from './workflow-catalog.js';
import { requireValidWorkflow } from './workflow-check.js';
import { readDocument } from './workflow-handlers.js';
import type { Workspace } from './workspace.js';

const JsonObject = z.record(z.string(), z.unknown());

export interface RunHandlerDeps {
  workspace: Workspace;
  runs: LockedEngine;
  store: RunStore;
}

/** Starting runs, reading their history and moving them on (approve, signal, cancel, fork). */
export function runHandlers({
  workspace,
  runs,
  store,
}: RunHandlerDeps): Handlers<
  'startRun' | 'listRuns' | 'getRun' | 'getHistory' | 'stateAt' | 'forkRun' | 'approve' | 'signal' | 'cancelRun'
> {
  return {
    async startRun({ file, workflow, input, maxSteps }) {
      if ((file === undefined) === (workflow === undefined)) {
        throw new SwitchyardError(
          'BAD_USAGE',
          'startRun: give either "file" (a workspace file) or "workflow" (a document), not both',
        );
      }
      const catalog = lazyCatalog(workspace);
      let doc: unknown = workflow;
      if (file !== undefined) doc = await readDocument(workspace, file);
      const object = JsonObject.safeParse(doc);
      const source = file ?? 'workflow';
      const runnable = await requireValidWorkflow(
        source,
        object.success ? withoutStatechart(object.data) : doc,
        catalog,
      );
      return runs.start(runnable, input ?? {}, maxSteps === undefined ? {} : { maxSteps });
    },

    async listRuns({ status, workflowId, limit }) {
      const filter: RunFilter = {};
      if (status !== undefined) filter.status = status;
      if (workflowId !== undefined) filter.workflowId = workflowId;
      if (limit !== undefined) filter.limit = limit;
      return store.listRuns(filter);
    },

    async getRun({ runId }) {
      const run = requireRun(store, runId);
      return { run, workflow: store.getWorkflow(runId) ?? null, lastSeq: store.lastSeq(runId) ?? 0 };
    },

    async getHistory({ runId, fromSeq, toSeq }) {
      requireRun(store, runId);
      return store.events(runId, fromSeq, toSeq);
    },

    async stateAt({ runId, seq }) {
      return stateAt(store, runId, seq);
    },

    async forkRun({ runId, seq, vars }) {
      requireRun(store, runId);
      return runs.fork(runId, seq, vars);
    },

    async approve({ runId, node, decision, by, comment }) {
      requireRun(store, runId);
      return runs.approve(runId, node, { decision, by, ...(comment === undefined ? {} : { comment }) });
    },

    async signal({ runId, event, data }) {
      requireRun(store, runId);
      return runs.signal(runId, event, data);
    },

    async cancelRun({ runId, reason }) {
      requireRun(store, runId);
      return runs.cancel(runId, reason);
    },
  };
}
