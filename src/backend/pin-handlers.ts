import { SwitchyardError } from '#shared';
import type { Handlers } from './handler-types.js';
import type { PinStore } from './pin-store.js';

/**
 * Pinned sample outputs of the designer's "run to here": listed, pinned and unpinned per
 * workflow. Changes to one workflow's pins are made one at a time (read, change, write).
 */
export function pinHandlers(
  store: PinStore | undefined,
  now: () => Date = () => new Date(),
): Handlers<'listPins' | 'pinOutput' | 'unpinOutput'> {
  const queues = new Map<string, Promise<unknown>>();
  const pins = (): PinStore => {
    if (store === undefined) throw new SwitchyardError('BAD_USAGE', 'this backend keeps no pinned data');
    return store;
  };
  const serialized = <T>(workflowId: string, work: () => Promise<T>): Promise<T> => {
    const previous = queues.get(workflowId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(workflowId, settled);
    void settled.then(() => {
      if (queues.get(workflowId) === settled) queues.delete(workflowId);
    });
    return next;
  };
  return {
    listPins: async ({ workflowId }) => ({ pins: await pins().read(workflowId) }),
    pinOutput: ({ workflowId, node, output, from }) =>
      serialized(workflowId, async () => {
        const current = await pins().read(workflowId);
        const pin = { output, ...(from === undefined ? {} : { from }), pinnedAt: now().toISOString() };
        await pins().write(workflowId, { ...current, [node]: pin });
        return { pin };
      }),
    unpinOutput: ({ workflowId, node }) =>
      serialized(workflowId, async () => {
        const current = await pins().read(workflowId);
        if (!Object.hasOwn(current, node)) return { deleted: false };
        const rest = Object.fromEntries(Object.entries(current).filter(([key]) => key !== node));
        await pins().write(workflowId, rest);
        return { deleted: true };
      }),
  };
}
