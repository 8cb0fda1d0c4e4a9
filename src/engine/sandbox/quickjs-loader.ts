import { newQuickJSWASMModule, type QuickJSWASMModule } from 'quickjs-emscripten';
import { SwitchyardError } from '#shared';

let loading: Promise<QuickJSWASMModule> | undefined;
const discarded = new WeakSet<QuickJSWASMModule>();

/** The shared QuickJS WASM module, loaded on first use; a discarded module is replaced by a fresh one. */
export async function acquireQuickJS(): Promise<QuickJSWASMModule> {
  for (;;) {
    const module = await load();
    if (!discarded.has(module)) return module;
  }
}

/**
 * Stops handing out `module`. Used when the interpreter failed below the JavaScript level
 * (e.g. the host's stack ran out inside WASM): its memory may be inconsistent.
 */
export function discardQuickJS(module: QuickJSWASMModule): void {
  discarded.add(module);
  loading = undefined;
}

async function load(): Promise<QuickJSWASMModule> {
  const attempt = loading ?? newQuickJSWASMModule();
  loading = attempt;
  try {
    return await attempt;
  } catch (error) {
    // Forget the failed attempt so the next script tries again.
    if (loading === attempt) loading = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SwitchyardError('INTERNAL', `could not load the QuickJS script interpreter: ${reason}`);
  }
}
