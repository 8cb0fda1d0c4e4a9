import { SwitchyardError } from '#shared';

/** JSON text for a column; `undefined` becomes SQL NULL so it reads back absent. */
export function encodeJson(value: unknown, what: string): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new SwitchyardError('STORE_FAILED', `${what} cannot be stored as JSON: ${reason}`);
  }
  return text ?? null;
}

export function decodeJson(text: string | null, what: string): unknown {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new SwitchyardError('STORE_FAILED', `${what} holds malformed JSON: ${reason}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
