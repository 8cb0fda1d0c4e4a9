import { z } from 'zod';
import { stateAt, type Logger, type RunStore } from '#engine';
import { SwitchyardError } from '#shared';
import type { Handlers } from './handler-types.js';
import { runDetached } from './detached-run.js';
import type { LockedEngine } from './locked-engine.js';
import type { RunEventHub } from './run-event-hub.js';
import { handledErrorsOfRuns } from './handled-errors-cache.js';
import { listRunsMatching } from './run-list.js';
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
  events: RunEventHub;
  logger?: Logger | undefined;
}

/** Starting runs, reading their history and moving them on (approve, signal, cancel, fork). */
export function runHandlers({
  workspace,
  runs,
  store,
  events,
  logger,
}: RunHandlerDeps): Handlers<
  'startRun' | 'listRuns' | 'getRun' | 'getHistory' | 'stateAt' | 'forkRun' | 'approve' | 'signal' | 'cancelRun'
> {
  const withHandledErrors = handledErrorsOfRuns(store);
  return {
    async startRun({ file, workflow, input, maxSteps, detach }) {
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
      const options = maxSteps === undefined ? {} : { maxSteps };
      if (detach !== true) return runs.start(runnable, input ?? {}, options);
      const runId = runs.nextRunId();
      return runDetached(events, runId, () => runs.start(runnable, input ?? {}, { ...options, runId }), logger);
    },

    async listRuns(query) {
      return withHandledErrors(await listRunsMatching(store, query));
    },

    async getRun({ runId }) {
      const run = await requireRun(store, runId);
      return { run, workflow: (await store.getWorkflow(runId)) ?? null, lastSeq: (await store.lastSeq(runId)) ?? 0 };
    },

    async getHistory({ runId, fromSeq, toSeq }) {
      await requireRun(store, runId);
      return store.events(runId, fromSeq, toSeq);
    },

    async stateAt({ runId, seq }) {
      return stateAt(store, runId, seq);
    },

    async forkRun({ runId, seq, detach, ...changes }) {
      await requireRun(store, runId);
      if (detach !== true) return runs.fork(runId, seq, changes);
      const forkId = runs.nextRunId();
      return runDetached(events, forkId, () => runs.fork(runId, seq, changes, forkId), logger);
    },

    async approve({ runId, node, decision, by, comment }, caller) {
      if (by !== undefined && by !== caller.name) {
        throw new SwitchyardError(
          'IDENTITY_MISMATCH',
          `you are ${caller.name}, so a decision you make is recorded as ${caller.name}; "by" cannot be ${JSON.stringify(by)} (leave it out)`,
        );
      }
      await requireRun(store, runId);
      return runs.approve(runId, node, {
        decision,
        by: caller.name,
        groups: caller.groups,
        ...(comment === undefined ? {} : { comment }),
      });
    },

    async signal({ runId, event, data }) {
      await requireRun(store, runId);
      return runs.signal(runId, event, data);
    },

    async cancelRun({ runId, reason }) {
      await requireRun(store, runId);
      return runs.cancel(runId, reason);
    },
  };
}
