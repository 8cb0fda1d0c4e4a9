import { expect } from 'vitest';
import { SwitchyardError } from '#shared';

/** The SwitchyardError `promise` rejects with (the test fails if it resolves or rejects with something else). */
export async function failure(promise: Promise<unknown>): Promise<SwitchyardError> {
  const error: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(SwitchyardError);
  return error as SwitchyardError;
}
