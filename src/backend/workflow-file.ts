import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { formatProblem, isError, parseWorkflow, type ParseResult, type Problem } from '#engine';
import { LIMITS, SwitchyardError, type ErrorCode, type Workflow } from '#shared';
import { describeFileError } from './file-errors.js';

export interface LoadedWorkflow {
  workflow: Workflow;
  /** Warnings only; errors make loading fail. */
  warnings: Problem[];
}

/**
 * Reads a file as UTF-8 text, failing with a message that names the file. Only regular files
 * up to LIMITS.fileBytes are read: a device (`/dev/zero`), a pipe or a huge file is refused
 * before a byte of it is.
 */
export function readTextFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new SwitchyardError('NOT_FOUND', describeFileError('read', path, err));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new SwitchyardError('NOT_FOUND', `cannot read ${path}: it is a directory`);
    if (!stat.isFile())
      throw new SwitchyardError('LIMIT_EXCEEDED', `cannot read ${path}: not a regular file (a device or a pipe)`);
    if (stat.size > LIMITS.fileBytes)
      throw new SwitchyardError(
        'LIMIT_EXCEEDED',
        `cannot read ${path}: ${stat.size} bytes is more than the ${LIMITS.fileBytes} a file may have (limit fileBytes)`,
      );
    return readFileSync(fd, 'utf8');
  } catch (err) {
    if (err instanceof SwitchyardError) throw err;
    throw new SwitchyardError('NOT_FOUND', describeFileError('read', path, err));
  } finally {
    closeSync(fd);
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
