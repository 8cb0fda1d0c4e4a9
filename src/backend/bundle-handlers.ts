import { z } from 'zod';
import { exportRunBundle, importRunBundle, parseRunBundle, replayCheck, type RunStore } from '#engine';
import type { Handlers } from './handler-types.js';
import { parseJsonText, prettyJson } from './json-text.js';
import { requireRun, runHistory } from './run-queries.js';
import { lazyCatalog, withoutStatechart } from './workflow-catalog.js';
import { requireValidWorkflow } from './workflow-check.js';
import type { Workspace } from './workspace.js';

const JsonObject = z.record(z.string(), z.unknown());

/** `order-approval-r_0mwt….bundle.json`: a name that says what the file holds. */
export function bundleFileName(workflowId: string, runId: string): string {
  return `${workflowId}-${runId}.bundle.json`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Run bundles in and out, and the replay check: the same engine functions the CLI uses. */
export function bundleHandlers(
  workspace: Workspace,
  store: RunStore,
): Handlers<'exportRun' | 'importRun' | 'replayCheck'> {
  return {
    async exportRun({ runId }) {
      const run = await requireRun(store, runId);
      const bundle = await exportRunBundle(store, runId);
      return { fileName: bundleFileName(run.workflowId, run.id), text: prettyJson(bundle) };
    },

    async importRun({ text }) {
      const bundle = parseRunBundle(parseJsonText('the run bundle', text), 'the run bundle');
      return importRunBundle(store, bundle);
    },

    async replayCheck({ runId, workflow }) {
      const events = await runHistory(store, runId);
      const object = JsonObject.safeParse(workflow);
      const doc = object.success ? withoutStatechart(object.data) : workflow;
      const runnable = await requireValidWorkflow('the design', doc, lazyCatalog(workspace));
      const verdict = await replayCheck(events, runnable, runId);
      return verdict.clean ? verdict : { ...verdict, node: verdict.node ?? null };
    },
  };
}
