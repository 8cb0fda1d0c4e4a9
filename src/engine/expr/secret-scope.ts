import { SECRET_NAME, SwitchyardError } from '#shared';

/** Resolves a secret's value or throws SECRET_MISSING. */
export type SecretLookup = (name: string) => string;

/**
 * The `secret` name of an expression's scope: `secret.API_TOKEN` reads the secret through
 * `lookup` when the expression gets there, and only then. Names that are not secret names
 * (JSONata's own probes such as `then`, `sequence`) read as absent; nothing can be listed.
 */
export function secretScope(lookup: SecretLookup): Readonly<Record<string, string>> {
  const isSecretName = (name: string | symbol): name is string => typeof name === 'string' && SECRET_NAME.test(name);
  return new Proxy(Object.create(null) as Record<string, string>, {
    get: (_target, name) => (isSecretName(name) ? lookup(name) : undefined),
    // Path lookups ask whether the property is there before reading it; not enumerable, so never listed.
    getOwnPropertyDescriptor: (_target, name) =>
      isSecretName(name) ? { value: lookup(name), writable: false, enumerable: false, configurable: true } : undefined,
  });
}

/** `$secret('NAME')`: the same lookup as `secret.NAME`, for names computed or written as strings. */
export function secretFunction(lookup: SecretLookup): (name: unknown) => string {
  return (name) => {
    if (typeof name !== 'string' || !SECRET_NAME.test(name)) {
      throw new SwitchyardError(
        'SECRET_MISSING',
        `$secret(${JSON.stringify(name)}): a secret name is upper case letters, digits and _ (like API_TOKEN)`,
      );
    }
    return lookup(name);
  };
}
