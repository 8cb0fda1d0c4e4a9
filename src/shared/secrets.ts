/**
 * A secret's name: upper case, digits and `_`, starting with a letter — the same as the
 * environment variable suffix that provides it (`SWITCHYARD_SECRET_<NAME>`).
 */
export const SECRET_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * The fewest characters a secret's value may have: every place a value appears in recorded data
 * is redacted, and a shorter one would blank out ordinary text.
 */
export const MIN_SECRET_CHARS = 4;

/** What recorded data shows instead of a secret's value. */
export const REDACTED = '***';
