import { z } from 'zod';
import { replayCheck, type RunStore } from '#engine';
import { toErrorInfo, WorkflowId, type ReplayVerdictInfo, type RunRecord, type Workflow } from '#shared';
import type { Handlers } from './handler-types.js';
import { parseJsonText, prettyJson } from './json-text.js';
import { lazyCatalog, loadCatalog, withoutStatechart } from './workflow-catalog.js';
import { requireValidWorkflow } from './workflow-check.js';
import type { Workspace } from './workspace.js';

const Versioned = z.object({ id: WorkflowId, version: z.int().positive() });
const JsonObject = z.record(z.string(), z.unknown());

/**
 * Keeps a document just written to the workspace as its version in the archive. A draft
 * without a valid id or version has no place there yet, and is skipped.
 */
export async function keepVersion(workspace: Workspace, doc: Record<string, unknown>): Promise<void> {
  const versioned = Versioned.safeParse(doc);
  if (!versioned.success) return;
  await workspace.versions.keep(versioned.data.id, versioned.data.version, prettyJson(withoutStatechart(doc)));
}

async function verdictOf(store: RunStore, run: RunRecord, workflow: Workflow): Promise<ReplayVerdictInfo> {
  try {
    const verdict = await replayCheck(await store.events(run.id), workflow, run.id);
    return verdict.clean ? verdict : { ...verdict, node: verdict.node ?? null };
  } catch (err) {
    return { clean: false, seq: 0, node: null, message: `cannot replay: ${toErrorInfo(err).message}` };
  }
}

/** The version list, one version's document, and the replay check of a version against recent runs. */
export function versionHandlers(
  workspace: Workspace,
  store: RunStore,
): Handlers<'listVersions' | 'getVersion' | 'replayCheckVersion'> {
  const readVersion = async (workflowId: string, version: number) => {
    const text = await workspace.versions.read(workflowId, version);
    const doc = JsonObject.safeParse(parseJsonText(`version ${version} of ${workflowId}`, text));
    return doc.success ? doc.data : {};
  };

  return {
    async listVersions({ workflowId }) {
      const entry = (await loadCatalog(workspace)).get(workflowId);
      const current = Versioned.safeParse(entry?.value);
      let versions = await workspace.versions.list(workflowId);
      // A file saved before versions were kept (or edited by hand) is a saved version too.
      if (entry !== undefined && current.success && !versions.some((v) => v.version === current.data.version)) {
        await keepVersion(workspace, entry.value);
        versions = await workspace.versions.list(workflowId);
      }
      return {
        workflowId,
        file: entry?.file ?? null,
        current: current.success ? current.data.version : null,
        versions,
      };
    },

    async getVersion({ workflowId, version }) {
      const workflow = await readVersion(workflowId, version);
      const savedAt = (await workspace.versions.list(workflowId)).find((v) => v.version === version)?.savedAt ?? '';
      return { workflowId, version, savedAt, workflow };
    },

    async replayCheckVersion({ workflowId, version, lastN }) {
      const doc = await readVersion(workflowId, version);
      const workflow = await requireValidWorkflow(`${workflowId} v${version}`, doc, lazyCatalog(workspace));
      const runs = await store.listRuns({ workflowId, limit: lastN });
      const checked = [];
      for (const run of runs) {
        const { id, status, startedAt } = run;
        checked.push({
          runId: id,
          status,
          startedAt,
          version: run.version,
          verdict: await verdictOf(store, run, workflow),
        });
      }
      return { workflowId, version, runs: checked };
    },
  };
}
