import {
  Scope,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import type { SwitchyardError } from '#shared';
import { readThrown, SCRIPT_FILE_NAME, type ThrownValue } from './read-thrown.js';
import { memoryError, scriptFailed, timeoutError } from './script-errors.js';
import { ERROR_READING_HEADROOM_BYTES, MAX_STACK_BYTES } from './script-limits.js';
import type { ScriptRequest } from './script-types.js';

export type ScriptOutcome = { ok: true; value: unknown } | { ok: false; error: SwitchyardError };

/** Global name → its value as JSON text, parsed inside the VM so the script gets its own copy. */
export type ScriptGlobals = Record<string, string>;

type Phase = 'setup' | 'compile' | 'run' | 'result';

// Their memory is allocated outside QuickJS's memory limit, so a script could grow the host's
// WASM memory (which never shrinks) to gigabytes. Scripts exchange JSON, so they do not need them.
const REMOVE_BINARY_BUFFERS = `for (const name of ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array',
  'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array',
  'Float64Array', 'BigInt64Array', 'BigUint64Array']) delete globalThis[name];`;

/**
 * Runs one script in a fresh QuickJS runtime and disposes it. Problems caused by the script
 * come back as an outcome; an exception means the interpreter itself failed.
 */
export function runInFreshRuntime(
  module: QuickJSWASMModule,
  request: ScriptRequest,
  globals: ScriptGlobals,
): ScriptOutcome {
  const runtime = module.newRuntime();
  runtime.setMaxStackSize(MAX_STACK_BYTES);
  // Date.now is read here only as a CPU-time guard for the sandbox; it never reaches run history.
  const deadline = Date.now() + request.timeoutMs;
  let timedOut = false;
  runtime.setInterruptHandler(() => {
    timedOut ||= Date.now() > deadline;
    return timedOut;
  });
  const context = runtime.newContext();
  runtime.setMemoryLimit(request.memoryLimitBytes);
  const session = new ScriptSession(runtime, context, request, () => timedOut);
  const outcome = Scope.withScope((scope) => session.run(scope, globals));
  context.dispose();
  runtime.dispose();
  return outcome;
}

class ScriptSession {
  constructor(
    private readonly runtime: QuickJSRuntime,
    private readonly context: QuickJSContext,
    private readonly request: ScriptRequest,
    private readonly timedOut: () => boolean,
  ) {}

  run(scope: Scope, globals: ScriptGlobals): ScriptOutcome {
    const { context } = this;
    const json = scope.manage(context.getProp(context.global, 'JSON'));
    const parse = scope.manage(context.getProp(json, 'parse'));
    // Taken before the script runs, so a script that replaces JSON.stringify cannot fake its result.
    const stringify = scope.manage(context.getProp(json, 'stringify'));
    const fail = (phase: Phase, thrown: QuickJSHandle): ScriptOutcome => this.failure(scope, phase, thrown, stringify);

    const removal = scope.manage(context.evalCode(REMOVE_BINARY_BUFFERS, 'setup.js', { type: 'global' }));
    if (removal.error !== undefined) return fail('setup', removal.error);
    for (const [name, text] of Object.entries(globals)) {
      const parsed = scope.manage(
        context.callFunction(parse, context.undefined, scope.manage(context.newString(text))),
      );
      if (parsed.error !== undefined) return fail('setup', parsed.error);
      context.setProp(context.global, name, parsed.value);
    }

    // Compiling the wrapper does not run it, so any error here is the script's syntax.
    // The body starts on line 1, so QuickJS's line numbers are the script's own.
    const source = `(function () {${this.request.code}\n})`;
    const compiled = scope.manage(context.evalCode(source, SCRIPT_FILE_NAME, { type: 'global' }));
    if (compiled.error !== undefined) return fail('compile', compiled.error);
    const called = scope.manage(context.callFunction(compiled.value, context.undefined));
    if (called.error !== undefined) return fail('run', called.error);

    const settled = this.settle(scope, called.value);
    if (!settled.ok) return settled.pending ? pendingFailure() : fail('run', settled.thrown);
    return this.toJson(scope, settled.value, stringify, fail);
  }

  /** The returned value, or what a returned promise settled to after running the pending jobs. */
  private settle(
    scope: Scope,
    returned: QuickJSHandle,
  ):
    | { ok: true; value: QuickJSHandle }
    | { ok: false; pending: false; thrown: QuickJSHandle }
    | { ok: false; pending: true } {
    const { context, runtime } = this;
    let state = context.getPromiseState(returned);
    if (state.type === 'fulfilled' && state.notAPromise === true) return { ok: true, value: returned };
    if (state.type === 'pending') {
      const jobs = scope.manage(runtime.executePendingJobs());
      if (jobs.error !== undefined) return { ok: false, pending: false, thrown: jobs.error };
      state = context.getPromiseState(returned);
    }
    if (state.type === 'fulfilled') return { ok: true, value: scope.manage(state.value) };
    if (state.type === 'rejected') return { ok: false, pending: false, thrown: scope.manage(state.error) };
    return { ok: false, pending: true };
  }

  private toJson(
    scope: Scope,
    value: QuickJSHandle,
    stringify: QuickJSHandle,
    fail: (phase: Phase, thrown: QuickJSHandle) => ScriptOutcome,
  ): ScriptOutcome {
    const { context } = this;
    const type = context.typeof(value);
    if (type === 'undefined') return { ok: true, value: null };
    if (type === 'function') {
      return {
        ok: false,
        error: scriptFailed(
          'script returned a function; return JSON data (object, array, string, number, boolean or null)',
        ),
      };
    }
    if (type === 'symbol' || type === 'bigint') {
      return { ok: false, error: scriptFailed(`script returned a ${type}, which is not a JSON value`) };
    }
    const text = scope.manage(context.callFunction(stringify, context.undefined, value));
    if (text.error !== undefined) return fail('result', text.error);
    // JSON.stringify gives undefined when a toJSON method returns undefined: treat like `return undefined`.
    if (context.typeof(text.value) !== 'string') return { ok: true, value: null };
    try {
      const parsed: unknown = JSON.parse(context.getString(text.value));
      return { ok: true, value: parsed };
    } catch {
      return { ok: false, error: scriptFailed('script returned a value that cannot be read as JSON') };
    }
  }

  private failure(scope: Scope, phase: Phase, thrown: QuickJSHandle, stringify: QuickJSHandle): ScriptOutcome {
    if (this.timedOut()) return { ok: false, error: timeoutError(this.request.timeoutMs) };
    this.runtime.setMemoryLimit(this.request.memoryLimitBytes + ERROR_READING_HEADROOM_BYTES);
    const value = readThrown(this.context, scope, thrown, stringify);
    // Reading the value can run the script's getters, which may themselves hit the deadline.
    if (this.timedOut()) return { ok: false, error: timeoutError(this.request.timeoutMs) };
    if (value.name === 'InternalError' && value.message === 'out of memory') {
      return { ok: false, error: memoryError(this.request.memoryLimitBytes) };
    }
    return { ok: false, error: scriptFailed(this.describe(phase, value)) };
  }

  private describe(phase: Phase, value: ThrownValue): string {
    switch (phase) {
      case 'setup':
        return `could not pass the scope to the script: ${value.message}`;
      case 'compile':
        // Past the last line QuickJS is complaining about the wrapper, so the script stopped too early.
        return this.isPastEnd(value.line)
          ? 'syntax error: the script ends before its code is complete (an unclosed bracket, brace or string?)'
          : `syntax error: ${value.message}${this.where(value.line)}`;
      case 'run': {
        const text =
          value.name === undefined || value.name === 'Error' ? value.message : `${value.name}: ${value.message}`;
        return `script threw: ${text}${this.where(value.line)}`;
      }
      case 'result':
        return `script returned a value that cannot be turned into JSON: ${value.message}`;
    }
  }

  private where(line: number | undefined): string {
    if (line === undefined) return '';
    return this.isPastEnd(line) ? ' (at the end of the script)' : ` (line ${line})`;
  }

  private isPastEnd(line: number | undefined): boolean {
    return line !== undefined && line > this.request.code.split('\n').length;
  }
}

function pendingFailure(): ScriptOutcome {
  return {
    ok: false,
    error: scriptFailed('script returned a promise that never settled; scripts have no timers or I/O to wait for'),
  };
}
