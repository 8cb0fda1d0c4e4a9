import { z } from 'zod';
import { compileWorkflow, formatProblem, isError, sameDesign } from '#engine';
import { SwitchyardError, type WorkflowSummary } from '#shared';
import type { Handlers } from './handler-types.js';
import { parseJsonText, prettyJson } from './json-text.js';
import { keepVersion } from './version-handlers.js';
import { lazyCatalog, type Catalog } from './workflow-catalog.js';
import { checkWorkflow, toProblemInfo } from './workflow-check.js';
import type { Workspace, WorkspaceEntry } from './workspace.js';

const JsonObject = z.record(z.string(), z.unknown());
const SummaryFields = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  version: z.number().optional(),
});

/** The document in a workspace file; BAD_JSON (with the line) or INVALID_WORKFLOW when it is not an object. */
export async function readDocument(workspace: Workspace, file: string): Promise<Record<string, unknown>> {
  const value = JsonObject.safeParse(parseJsonText(file, await workspace.read(file)));
  if (!value.success)
    throw new SwitchyardError(
      'INVALID_WORKFLOW',
      `${file} does not hold a JSON object (a switchyard workflow document)`,
    );
  return value.data;
}

async function summarize(
  workspace: Workspace,
  entry: WorkspaceEntry,
  catalog: () => Promise<Catalog>,
): Promise<WorkflowSummary> {
  const summary: WorkflowSummary = { file: entry.file, modifiedAt: entry.modifiedAt };
  try {
    const doc = await readDocument(workspace, entry.file);
    const fields = SummaryFields.safeParse(doc);
    if (fields.success) Object.assign(summary, fields.data);
    const checked = await checkWorkflow(doc, catalog);
    const errors = checked.problems.filter(isError);
    if (!checked.ok) {
      const first = errors[0] === undefined ? '' : `: ${formatProblem(entry.file, errors[0])}`;
      summary.error = `not a valid workflow (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'})${first}`;
    }
  } catch (err) {
    summary.error = err instanceof Error ? err.message : String(err);
  }
  return summary;
}

function versionOf(doc: Record<string, unknown>): number | undefined {
  const version = doc['version'];
  return typeof version === 'number' ? version : undefined;
}

async function diskDocument(workspace: Workspace, file: string): Promise<Record<string, unknown> | undefined> {
  if (!(await workspace.exists(file))) return undefined;
  try {
    return await readDocument(workspace, file);
  } catch {
    // A broken file on disk counts as different content: saving over it is the fix.
    return {};
  }
}

/** Listing, opening, saving, renaming and deleting workspace files; validating and compiling unsaved documents. */
export function workflowHandlers(
  workspace: Workspace,
): Handlers<
  | 'listWorkflows'
  | 'openWorkflow'
  | 'saveWorkflow'
  | 'renameWorkflow'
  | 'deleteWorkflow'
  | 'validateWorkflow'
  | 'compileWorkflow'
> {
  return {
    async listWorkflows() {
      const catalog = lazyCatalog(workspace);
      const summaries: WorkflowSummary[] = [];
      for (const entry of await workspace.list()) summaries.push(await summarize(workspace, entry, catalog));
      return summaries;
    },

    async openWorkflow({ file }) {
      const text = await workspace.read(file);
      const workflow = parseJsonText(file, text);
      const { problems } = await checkWorkflow(workflow, lazyCatalog(workspace));
      return { file, workflow, problems: problems.map(toProblemInfo) };
    },

    // Drafts are saved too: an unfinished design must never be lost for failing validation.
    // Layout (positions) and the version aside, a changed design gets the next version.
    async saveWorkflow({ file, workflow, bumpVersion }) {
      let doc = workflow;
      if (bumpVersion === true) {
        const disk = await diskDocument(workspace, file);
        if (disk !== undefined && !sameDesign(doc, disk)) {
          const base = Math.max(versionOf(doc) ?? 0, versionOf(disk) ?? 0);
          doc = { ...doc, version: Math.floor(base) + 1 };
        }
      }
      await workspace.write(file, prettyJson(doc));
      await keepVersion(workspace, doc);
      const { problems } = await checkWorkflow(doc, lazyCatalog(workspace));
      const version = versionOf(doc);
      return { file, ...(version === undefined ? {} : { version }), problems: problems.map(toProblemInfo) };
    },

    async renameWorkflow({ file, to }) {
      await workspace.rename(file, to);
      return { file: to };
    },

    async deleteWorkflow({ file }) {
      await workspace.remove(file);
      return { file };
    },

    async validateWorkflow({ workflow }) {
      const { problems } = await checkWorkflow(workflow, lazyCatalog(workspace));
      return { problems: problems.map(toProblemInfo) };
    },

    async compileWorkflow({ workflow }) {
      const checked = await checkWorkflow(workflow, lazyCatalog(workspace));
      const problems = checked.problems.map(toProblemInfo);
      if (!checked.ok) return { config: null, problems };
      return { config: compileWorkflow(checked.workflow).config ?? null, problems };
    },
  };
}
