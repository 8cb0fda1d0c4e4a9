import { LIMITS, TOO_DEEP, tooDeep, Workflow, WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION } from '#shared';
import { locateJsonError } from './json-error.js';
import { isError, type Problem } from './problem.js';
import { validateWorkflow } from './validate-workflow.js';
import { issuesToProblems, prop, readableErrors } from './zod-issues.js';

export type ParseResult =
  { ok: true; workflow: Workflow; /** warnings only */ problems: Problem[] } | { ok: false; problems: Problem[] };

const FORMAT_PATTERN = /^switchyard\/workflow@(\d+)$/;

function fail(code: string, message: string, field?: string): ParseResult {
  return { ok: false, problems: [{ severity: 'error', code, message, ...(field === undefined ? {} : { field }) }] };
}

/**
 * Parses and validates a workflow document (format 1) from its JSON text.
 *
 * @example
 * const result = parseWorkflow(fs.readFileSync('flow.json', 'utf8'));
 * if (!result.ok) for (const p of result.problems) console.error(formatProblem('flow.json', p));
 */
export function parseWorkflow(text: string): ParseResult {
  // Editors on Windows like to start UTF-8 files with a byte order mark.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    const where = locateJsonError(source);
    if (where === undefined)
      return fail('BAD_JSON', `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    return fail('BAD_JSON', `not valid JSON: ${where.reason} at line ${where.line}, column ${where.column}`);
  }
  return parseWorkflowValue(value);
}

/** Like parseWorkflow, for a value that is already parsed JSON. */
export function parseWorkflowValue(value: unknown): ParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('INVALID_WORKFLOW', 'expected a JSON object (a switchyard workflow document)');
  }
  // Checked first: every later step (schema, validation, input schemas) walks the value recursively.
  if (tooDeep(value)) return fail('LIMIT_EXCEEDED', TOO_DEEP);
  const nodes = prop(value, 'nodes');
  if (Array.isArray(nodes) && nodes.length > LIMITS.workflowNodes) {
    return fail(
      'LIMIT_EXCEEDED',
      `${nodes.length} nodes are more than a workflow may have (${LIMITS.workflowNodes}, limit workflowNodes)`,
      'nodes',
    );
  }
  const formatProblem = checkFormat(prop(value, 'format'));
  if (formatProblem !== undefined) return formatProblem;

  const parsed = Workflow.safeParse(value, { error: readableErrors });
  if (!parsed.success) return { ok: false, problems: issuesToProblems(parsed.error.issues, value) };

  const problems = validateWorkflow(parsed.data);
  if (problems.some(isError)) return { ok: false, problems };
  return { ok: true, workflow: parsed.data, problems };
}

function checkFormat(format: unknown): ParseResult | undefined {
  if (format === WORKFLOW_FORMAT) return undefined;
  if (format === undefined) {
    return fail('BAD_FORMAT_VERSION', `missing "format": this program reads ${WORKFLOW_FORMAT}`, 'format');
  }
  const version = typeof format === 'string' ? FORMAT_PATTERN.exec(format)?.[1] : undefined;
  if (typeof format === 'string' && version !== undefined) {
    const newer = Number(version) > WORKFLOW_FORMAT_VERSION;
    return fail(
      'BAD_FORMAT_VERSION',
      newer
        ? `format ${format} is newer than this program understands (it reads ${WORKFLOW_FORMAT})`
        : `format ${format} is not supported (this program reads ${WORKFLOW_FORMAT})`,
      'format',
    );
  }
  return fail(
    'INVALID_WORKFLOW',
    `format: expected "${WORKFLOW_FORMAT}", got ${JSON.stringify(format)}: this is not a switchyard workflow document`,
    'format',
  );
}
