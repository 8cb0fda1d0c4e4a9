import { SwitchyardError } from '#shared';
import { acquireQuickJS, discardQuickJS } from './quickjs-loader.js';
import { scriptFailed } from './script-errors.js';
import { runInFreshRuntime, type ScriptGlobals, type ScriptOutcome } from './script-session.js';
import type { ScriptRequest, ScriptScope } from './script-types.js';

/**
 * Runs a `script` node's code (a function body) in QuickJS compiled to WASM, with no access
 * to modules, the file system, the network or timers. `input`, `vars`, `steps` and `attempt`
 * are globals holding JSON copies of the scope. The return value comes back as JSON
 * (`undefined` becomes `null`); a returned promise is settled by running the VM's pending jobs.
 *
 * Throws SwitchyardError SCRIPT_FAILED (throw, syntax error, memory limit, non-JSON result)
 * or SCRIPT_TIMEOUT.
 *
 * @example
 * await runScript({
 *   code: 'return { total: input.items.reduce((sum, item) => sum + item.price, 0) };',
 *   scope: { input: { items: [{ price: 2 }, { price: 3 }] }, vars: {}, steps: {}, attempt: 1 },
 *   ...DEFAULT_SCRIPT_LIMITS,
 * }); // { total: 5 }
 */
export async function runScript(request: ScriptRequest): Promise<unknown> {
  const globals = serializeScope(request.scope);
  const module = await acquireQuickJS();
  let outcome: ScriptOutcome;
  try {
    outcome = runInFreshRuntime(module, request, globals);
  } catch (error) {
    discardQuickJS(module);
    throw scriptFailed(interpreterFailure(error));
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

function serializeScope({ input, vars, steps, attempt }: ScriptScope): ScriptGlobals {
  const globals: ScriptGlobals = {};
  // Listed explicitly so that a caller passing a wider object cannot leak other fields into the script.
  for (const [name, value] of Object.entries({ input, vars, steps, attempt })) {
    try {
      globals[name] = JSON.stringify(value) ?? 'null';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SwitchyardError('SCRIPT_FAILED', `cannot pass "${name}" to the script, it is not JSON: ${reason}`);
    }
  }
  return globals;
}

function interpreterFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'RangeError') {
    return 'script ran out of stack in the interpreter (code or data nested too deeply)';
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `the script interpreter failed: ${reason}`;
}
