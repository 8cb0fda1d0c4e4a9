import type { BackendMethod } from '#shared';

/** True after a successful connectStore that asks for the app to restart on the newly chosen store. */
export function restartsOnStore(method: BackendMethod, result: unknown): boolean {
  return (
    method === 'connectStore' &&
    typeof result === 'object' &&
    result !== null &&
    Reflect.get(result, 'restarting') === true
  );
}
