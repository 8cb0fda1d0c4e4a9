/**
 * Stable error codes: programs switch on `code`, people read `message`.
 * A code never changes meaning once published.
 */
export const ERROR_CODES = [
  'BAD_JSON',
  'BAD_FORMAT_VERSION',
  'INVALID_WORKFLOW',
  'INVALID_INPUT',
  'INVALID_FORK_CHANGE',
  'BAD_EXPRESSION',
  'EXPRESSION_FAILED',
  'SCRIPT_FAILED',
  'SCRIPT_TIMEOUT',
  'HTTP_FAILED',
  'HTTP_STATUS',
  'TASK_FAILED',
  'TIMEOUT',
  'NOT_FOUND',
  'RUN_NOT_FOUND',
  'NODE_NOT_WAITING',
  'APPROVER_NOT_ALLOWED',
  'IDENTITY_MISMATCH',
  'TOO_MANY_ATTEMPTS',
  'RUN_FINISHED',
  'MAX_STEPS',
  'MAX_DEPTH',
  'BAD_USAGE',
  'BAD_SEQ',
  'BAD_BUNDLE',
  'CONFLICT',
  'STORE_FAILED',
  'CANCELLED',
  'WORKFLOW_FAILED',
  'UNAUTHORIZED',
  'LIMIT_EXCEEDED',
  'SECRET_MISSING',
  'BAD_SECRETS',
  'TRIGGER_CONFLICT',
  'NOT_PINNED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The plain shape in which an error crosses a boundary (history, CLI --json, HTTP, IPC). */
export interface ErrorInfo {
  code: ErrorCode | (string & {});
  message: string;
}

/**
 * An error meant for a person: `message` says what is wrong and where.
 *
 * @example
 * throw new SwitchyardError('RUN_NOT_FOUND', 'run "r_123" does not exist in ./switchyard.db');
 */
export class SwitchyardError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'SwitchyardError';
    this.code = code;
    this.details = details;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into an ErrorInfo without losing the message. */
export function toErrorInfo(err: unknown, fallback: ErrorCode = 'INTERNAL'): ErrorInfo {
  if (err instanceof SwitchyardError) return err.toInfo();
  if (err instanceof Error) return { code: fallback, message: err.message };
  return { code: fallback, message: String(err) };
}
