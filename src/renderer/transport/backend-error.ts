/**
 * An `{ error }` envelope from the backend, or a transport failure, as the UI sees it.
 * `code` is one of the shared ERROR_CODES, or NETWORK / BAD_RESPONSE for transport problems.
 */
export class BackendError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }
}

/** A message for a person, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
