import { SwitchyardError, type Workflow } from '#shared';
import { fromPromise, setup } from 'xstate';
import { ACTOR_KINDS } from '../model/node-ports.js';
import { isError, locationPrefix } from '../model/problem.js';
import { compileWorkflow } from './compile-workflow.js';

function param(params: unknown, key: string): unknown {
  return typeof params === 'object' && params !== null ? Reflect.get(params, key) : undefined;
}

/**
 * Compiles `doc` and hands the config to XState's `setup(...).createMachine(...)` with stub
 * implementations: tasks resolve with `undefined`, expression guards are false, decisions
 * match `event.decision`, retries never happen, a `count` join waits for all branches, delays are 0 ms. It proves XState accepts
 * the compiled config and lets tests walk it; the runtime does not run workflows this way.
 *
 * @example
 * const actor = createActor(createMachineFromWorkflow(doc)).start();
 * actor.getSnapshot().value; // 'start'
 */
export function createMachineFromWorkflow(doc: Workflow) {
  const { config, diagnostics } = compileWorkflow(doc);
  if (config === undefined) {
    const errors = diagnostics.filter(isError).map((p) => `${locationPrefix(p)}${p.message}`);
    throw new SwitchyardError(
      'INVALID_WORKFLOW',
      `workflow ${doc.id} cannot be compiled: ${errors[0] ?? 'no start node'}`,
      errors,
    );
  }
  const delays: Record<string, () => number> = {};
  for (const node of doc.nodes) {
    delays[`delay:${node.id}`] = () => 0;
    delays[`retry:${node.id}`] = () => 0;
  }
  const actors = Object.fromEntries(
    [...ACTOR_KINDS].map((kind) => [kind, fromPromise(async (): Promise<unknown> => undefined)]),
  );
  // Typed as records so that config's guard/action names may be any string.
  const guards: Record<string, (args: { event: object }, params: unknown) => boolean> = {
    expression: () => false,
    decision: ({ event }, params) => param(event, 'decision') === param(params, 'decision'),
    retry: () => false,
    joinReady: () => false,
  };
  const actions: Record<string, () => void> = { joinReset: () => undefined, branchDone: () => undefined };
  return setup({
    actors,
    guards,
    actions,
    delays,
  }).createMachine(config);
}
