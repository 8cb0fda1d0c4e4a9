import { z } from 'zod';

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

/** A secret's name and value as every input (file, environment, API) is checked. */
export const SecretName = z
  .string()
  .regex(SECRET_NAME, 'a secret name is upper case letters, digits and _ (like API_TOKEN)');
export const SecretValue = z
  .string()
  .min(
    MIN_SECRET_CHARS,
    `a secret has at least ${MIN_SECRET_CHARS} characters (its value is redacted wherever it appears)`,
  );

/** Where a secret's value comes from: the environment is read-only; a secrets file or the keychain can be written. */
export const SecretSource = z.enum(['environment', 'file', 'keychain']);
export type SecretSource = z.infer<typeof SecretSource>;

/** A secret as the API shows it: its name and source, never its value. */
export const SecretInfo = z.object({ name: z.string(), source: SecretSource });
export type SecretInfo = z.infer<typeof SecretInfo>;

export const SecretList = z.object({
  secrets: z.array(SecretInfo),
  /** Where `setSecret` writes (null: nowhere, the host has environment secrets only). */
  writable: z.enum(['file', 'keychain']).nullable(),
});
export type SecretList = z.infer<typeof SecretList>;
