import type { QuickJSContext, QuickJSHandle, Scope } from 'quickjs-emscripten';

/** What a script threw, read out of the VM. */
export interface ThrownValue {
  /** The constructor name for Error objects (`TypeError`...), absent for other values. */
  name?: string;
  message: string;
  /** Line in the script's own code, when QuickJS recorded one. */
  line?: number;
}

export const SCRIPT_FILE_NAME = 'script.js';

const LINE_PATTERN = /script\.js:(\d+)/;

/**
 * Reads a thrown value without `context.dump`, which disposes promise handles it is given and
 * would run a thrown object's `toJSON`. `stringify` is the VM's original `JSON.stringify`.
 */
export function readThrown(
  context: QuickJSContext,
  scope: Scope,
  thrown: QuickJSHandle,
  stringify: QuickJSHandle,
): ThrownValue {
  try {
    const type = context.typeof(thrown);
    if (type === 'object' && !isNull(context, thrown)) {
      const message = readStringProp(context, scope, thrown, 'message');
      if (message !== undefined) {
        const name = readStringProp(context, scope, thrown, 'name');
        const line = lineOf(readStringProp(context, scope, thrown, 'stack'));
        return { message, ...(name === undefined ? {} : { name }), ...(line === undefined ? {} : { line }) };
      }
      return { message: jsonOf(context, scope, thrown, stringify) ?? 'an object' };
    }
    if (type === 'string') return { message: context.getString(thrown) };
    if (type === 'function') return { message: 'a function' };
    return { message: String(context.dump(thrown)) };
  } catch {
    return { message: 'a value that could not be read' };
  }
}

function isNull(context: QuickJSContext, handle: QuickJSHandle): boolean {
  return context.eq(handle, context.null);
}

function readStringProp(context: QuickJSContext, scope: Scope, handle: QuickJSHandle, key: string): string | undefined {
  const value = scope.manage(context.getProp(handle, key));
  return context.typeof(value) === 'string' ? context.getString(value) : undefined;
}

function jsonOf(
  context: QuickJSContext,
  scope: Scope,
  handle: QuickJSHandle,
  stringify: QuickJSHandle,
): string | undefined {
  const result = scope.manage(context.callFunction(stringify, context.undefined, handle));
  if (result.error !== undefined) return undefined;
  return context.typeof(result.value) === 'string' ? context.getString(result.value) : undefined;
}

function lineOf(stack: string | undefined): number | undefined {
  const match = stack === undefined ? null : LINE_PATTERN.exec(stack);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
