import { formatProblem, isError, parseWorkflowValue, type Problem } from '#engine';
import { SwitchyardError, type ErrorCode, type ProblemInfo, type Workflow } from '#shared';
import { withWorkspaceSubflows, type Catalog } from './workflow-catalog.js';
import { webhookPathProblems } from './workspace-webhooks.js';

/** The Backend API's problem shape: `subflow` is already part of the message. */
export function toProblemInfo(p: Problem): ProblemInfo {
  const info: ProblemInfo = { severity: p.severity, code: p.code, message: p.message };
  if (p.node !== undefined) info.node = p.node;
  if (p.edge !== undefined) info.edge = p.edge;
  if (p.trigger !== undefined) info.trigger = p.trigger;
  if (p.field !== undefined) info.field = p.field;
  return info;
}

export type CheckResult = { ok: true; workflow: Workflow; problems: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Validates a document as it would run from the workspace: workflows it calls by id are
 * taken from the workspace files when the document does not embed them. Warnings inside
 * those other files belong to them and are left out; their errors stay, since they stop
 * this document from running.
 */
export async function checkWorkflow(doc: unknown, catalog: () => Promise<Catalog>): Promise<CheckResult> {
  const { document, attached } = await withWorkspaceSubflows(doc, catalog);
  const result = parseWorkflowValue(document);
  const foreign = new Set(attached);
  const problems = result.problems.filter(
    (p) => isError(p) || p.subflow === undefined || !foreign.has(p.subflow.split('/')[0] ?? ''),
  );
  if (!result.ok) return { ok: false, problems };
  const clashes = webhookPathProblems(result.workflow, await catalog());
  if (clashes.length > 0) return { ok: false, problems: [...problems, ...clashes] };
  return { ok: true, workflow: result.workflow, problems };
}

function errorCode(errors: readonly Problem[]): ErrorCode {
  if (errors.some((p) => p.code === 'BAD_FORMAT_VERSION')) return 'BAD_FORMAT_VERSION';
  return 'INVALID_WORKFLOW';
}

/** The runnable workflow, or INVALID_WORKFLOW (BAD_FORMAT_VERSION) listing every error as `SOURCE: node X: message`. */
export async function requireValidWorkflow(
  source: string,
  doc: unknown,
  catalog: () => Promise<Catalog>,
): Promise<Workflow> {
  const checked = await checkWorkflow(doc, catalog);
  if (checked.ok) return checked.workflow;
  const errors = checked.problems.filter(isError);
  const lines = errors.map((p) => formatProblem(source, p));
  const count = `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}`;
  throw new SwitchyardError(
    errorCode(errors),
    `${source} is not a valid workflow (${count}): ${lines.join('; ')}`,
    lines,
  );
}
