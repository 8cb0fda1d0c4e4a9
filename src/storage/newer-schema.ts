import { SwitchyardError } from '#shared';

/** A store written by a newer program: opening it would misread or damage it. */
export function newerSchemaError(store: string, version: number, known: number): SwitchyardError {
  return new SwitchyardError(
    'STORE_FAILED',
    `database ${store} has schema version ${version}; this program knows up to ${known}`,
  );
}
