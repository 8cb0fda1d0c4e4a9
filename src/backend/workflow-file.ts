import { readFileSync } from 'node:fs';
import { formatProblem, isError, parseWorkflow, type ParseResult, type Problem } from '#engine';
import { SwitchyardError, type ErrorCode, type Workflow } from '#shared';

export interface LoadedWorkflow {
  workflow: Workflow;
  /** Warnings only; errors make loading fail. */
  warnings: Problem[];
}

function describeReadError(path: string, err: unknown): string {
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  if (code === 'ENOENT') return `cannot read ${path}: no such file`;
  if (code === 'EISDIR') return `cannot read ${path}: it is a directory`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read ${path}: permission denied`;
  return `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`;
}

/** Reads a file as UTF-8 text, failing with a message that names the file. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SwitchyardError('NOT_FOUND', describeReadError(path, err));
  }
}

/** Reads and parses a workflow file; only an unreadable file throws, problems are in the result. */
export function parseWorkflowFile(path: string): ParseResult {
  return parseWorkflow(readTextFile(path));
}

function errorCodeOf(errors: readonly Problem[]): ErrorCode {
  if (errors.some((p) => p.code === 'BAD_JSON')) return 'BAD_JSON';
  if (errors.some((p) => p.code === 'BAD_FORMAT_VERSION')) return 'BAD_FORMAT_VERSION';
  return 'INVALID_WORKFLOW';
}

function summary(path: string, code: ErrorCode, count: number): string {
  if (code === 'BAD_JSON') return `${path} is not valid JSON`;
  if (code === 'BAD_FORMAT_VERSION') return `${path} has a workflow format this program does not read`;
  return `${path} is not a valid workflow (${count} ${count === 1 ? 'problem' : 'problems'})`;
}

/**
 * Reads a workflow file ready to run. Throws a SwitchyardError (BAD_JSON, BAD_FORMAT_VERSION or
 * INVALID_WORKFLOW) whose `details` are the problem lines `FILE: node ID: message`.
 */
export function loadWorkflowFile(path: string): LoadedWorkflow {
  const result = parseWorkflowFile(path);
  if (result.ok) return { workflow: result.workflow, warnings: result.problems };
  const errors = result.problems.filter(isError);
  const code = errorCodeOf(errors);
  throw new SwitchyardError(
    code,
    summary(path, code, errors.length),
    errors.map((p) => formatProblem(path, p)),
  );
}
