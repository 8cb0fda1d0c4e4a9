import { z } from 'zod';
import { compileWorkflow, parseWorkflowValue } from '#engine';
import { SwitchyardError, WORKFLOW_FORMAT, WorkflowFileName, WorkflowId, type ErrorCode } from '#shared';
import type { Handlers } from './handler-types.js';
import { parseJsonText, prettyJson } from './json-text.js';
import { lazyCatalog, withoutStatechart, withWorkspaceSubflows } from './workflow-catalog.js';
import { checkWorkflow, requireValidWorkflow, toProblemInfo } from './workflow-check.js';
import { keepVersion } from './version-handlers.js';
import { readDocument } from './workflow-handlers.js';
import type { Workspace } from './workspace.js';

const JsonObject = z.record(z.string(), z.unknown());

/** A format-1 document object from import text; BAD_JSON, BAD_FORMAT_VERSION or INVALID_WORKFLOW otherwise. */
function importedDocument(source: string, text: string): Record<string, unknown> {
  const value = parseJsonText(source, text);
  const doc = JsonObject.safeParse(value);
  if (!doc.success)
    throw new SwitchyardError(
      'INVALID_WORKFLOW',
      `${source} does not hold a JSON object (a switchyard workflow document)`,
    );
  if (doc.data['format'] !== WORKFLOW_FORMAT) {
    // parseWorkflowValue checks the format first, so its first problem explains this one.
    const problem = parseWorkflowValue(doc.data).problems[0];
    const code: ErrorCode = problem?.code === 'BAD_FORMAT_VERSION' ? 'BAD_FORMAT_VERSION' : 'INVALID_WORKFLOW';
    throw new SwitchyardError(code, `${source}: ${problem?.message ?? `expected "format": "${WORKFLOW_FORMAT}"`}`);
  }
  return doc.data;
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).at(-1) ?? fileName;
}

/** The given name when it is a workflow file name; else `<id>.flow.json`; else one made from the given name. */
export function importFileName(fileName: string, doc: Record<string, unknown>): string {
  const given = baseName(fileName);
  if (WorkflowFileName.safeParse(given).success) return given;
  const id = WorkflowId.safeParse(doc['id']);
  if (id.success) return `${id.data}.flow.json`;
  const slug = given
    .replace(/(\.flow)?\.json$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '');
  const made = `${slug}.flow.json`;
  if (slug !== '' && WorkflowFileName.safeParse(made).success) return made;
  throw new SwitchyardError(
    'BAD_USAGE',
    `importWorkflow: cannot make a workflow file name from ${JSON.stringify(fileName)}; give a name ending in .flow.json`,
  );
}

/** Adding a workflow from file text, and producing the one file that runs anywhere. */
export function transferHandlers(workspace: Workspace): Handlers<'importWorkflow' | 'exportWorkflow'> {
  return {
    async importWorkflow({ fileName, text, overwrite }) {
      const source = baseName(fileName);
      // The statechart is informative; the workspace keeps the source of truth only.
      const doc = withoutStatechart(importedDocument(source, text));
      const file = importFileName(fileName, doc);
      if (overwrite !== true && (await workspace.exists(file))) {
        throw new SwitchyardError(
          'CONFLICT',
          `${file} already exists in the workspace; import with overwrite to replace it`,
        );
      }
      await workspace.write(file, prettyJson(doc));
      await keepVersion(workspace, doc);
      const { problems } = await checkWorkflow(doc, lazyCatalog(workspace));
      return { file, problems: problems.map(toProblemInfo) };
    },

    async exportWorkflow({ file }) {
      const catalog = lazyCatalog(workspace);
      const { document } = await withWorkspaceSubflows(withoutStatechart(await readDocument(workspace, file)), catalog);
      const workflow = await requireValidWorkflow(file, document, catalog);
      const assembled = JsonObject.parse(document);
      const { subflows } = assembled;
      const rest = Object.fromEntries(Object.entries(assembled).filter(([key]) => key !== 'subflows'));
      const exported = {
        ...rest,
        statechart: compileWorkflow(workflow).config ?? null,
        ...(subflows === undefined ? {} : { subflows }),
      };
      return { fileName: file, text: prettyJson(exported) };
    },
  };
}
