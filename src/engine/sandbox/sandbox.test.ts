import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRIPT_LIMITS, runScript, type ScriptRequest } from './index.js';
import { failure } from '../testing/failure.test-support.js';

const scope: ScriptRequest['scope'] = {
  input: { items: [{ price: 2 }, { price: 3 }], customer: 'Ada' },
  vars: { rate: 0.5 },
  steps: { fetch: { output: { status: 200 }, attempts: 1 } },
  attempt: 2,
};

function script(code: string, limits: Partial<typeof DEFAULT_SCRIPT_LIMITS> = {}): Promise<unknown> {
  return runScript({ code, scope, ...DEFAULT_SCRIPT_LIMITS, ...limits });
}

describe('runScript', () => {
  it('has the documented default limits', () => {
    expect(DEFAULT_SCRIPT_LIMITS).toEqual({ timeoutMs: 1000, memoryLimitBytes: 32 * 1024 * 1024 });
  });

  it('returns the value the code returns, as JSON', async () => {
    expect(await script('return { a: 1, list: [1, "two", null, true], nested: { b: { c: 3 } } };')).toEqual({
      a: 1,
      list: [1, 'two', null, true],
      nested: { b: { c: 3 } },
    });
    expect(await script('return "text";')).toBe('text');
    expect(await script('return { when: new Date(0) };')).toEqual({ when: '1970-01-01T00:00:00.000Z' });
  });

  it('returns null for undefined', async () => {
    expect(await script('const x = 1;')).toBeNull();
    expect(await script('return undefined;')).toBeNull();
  });

  it('reads input, vars, steps and attempt', async () => {
    const code = `
      const total = input.items.reduce((sum, item) => sum + item.price, 0);
      return { total, discounted: total * vars.rate, status: steps.fetch.output.status, attempt, who: input.customer };
    `;
    expect(await script(code)).toEqual({ total: 5, discounted: 2.5, status: 200, attempt: 2, who: 'Ada' });
  });

  it('gives the script copies, so changes do not reach the caller', async () => {
    await script('input.items.push({ price: 100 }); vars.rate = 9; return null;');
    expect(scope.input).toEqual({ items: [{ price: 2 }, { price: 3 }], customer: 'Ada' });
    expect(scope.vars).toEqual({ rate: 0.5 });
  });

  it('does not leak globals from one run into the next', async () => {
    await script('globalThis.leftover = 1; return null;');
    expect(await script('return typeof leftover;')).toBe('undefined');
  });

  it('reports a throw with its message and line', async () => {
    const error = await failure(script('const a = 1;\nthrow new Error("boom");'));
    expect(error.code).toBe('SCRIPT_FAILED');
    expect(error.message).toBe('script threw: boom (line 2)');
    const typeError = await failure(script('\n\nreturn null.foo;'));
    expect(typeError.message).toBe("script threw: TypeError: cannot read property 'foo' of null (line 3)");
    const notAnError = await failure(script('throw { reason: "nope" };'));
    expect(notAnError.message).toBe('script threw: {"reason":"nope"}');
    const text = await failure(script('throw "plain text";'));
    expect(text.message).toBe('script threw: plain text');
  });

  it('reports a syntax error without running anything', async () => {
    const error = await failure(script('return (;'));
    expect(error.code).toBe('SCRIPT_FAILED');
    expect(error.message).toMatch(/^syntax error: .+ \(line 1\)$/);
    const unclosed = await failure(script('if (true) {\n  return 1;'));
    expect(unclosed.message).toBe(
      'syntax error: the script ends before its code is complete (an unclosed bracket, brace or string?)',
    );
    // Module syntax is not valid in a function body.
    const imports = await failure(script('import fs from "fs";'));
    expect(imports.message).toMatch(/^syntax error: /);
  });

  it('stops an endless loop at the time limit', async () => {
    const started = performance.now();
    const error = await failure(script('while (true) {}'));
    expect(error.code).toBe('SCRIPT_TIMEOUT');
    expect(error.message).toBe('script ran longer than 1000 ms');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('does not let the script catch the timeout', async () => {
    const error = await failure(script('for (;;) { try { for (;;) {} } catch (e) {} }', { timeoutMs: 200 }));
    expect(error.code).toBe('SCRIPT_TIMEOUT');
    expect(error.message).toBe('script ran longer than 200 ms');
  });

  it('stops an endless chain of promise jobs at the time limit', async () => {
    const error = await failure(
      script('async function spin() { for (;;) await null; } return spin();', { timeoutMs: 200 }),
    );
    expect(error.code).toBe('SCRIPT_TIMEOUT');
  });

  it('stops a script at its memory limit', async () => {
    // A generous time limit: on a loaded machine the default 1 s may run out before 32 MiB do.
    const error = await failure(
      script('const a = []; while (true) a.push("xxxxxxxxxxxxxxxx" + a.length);', { timeoutMs: 30_000 }),
    );
    expect(error.code).toBe('SCRIPT_FAILED');
    expect(error.message).toBe('script exceeded its memory limit of 32 MiB');
    const small = await failure(
      script('return "x".repeat(8 * 1024 * 1024).length;', { memoryLimitBytes: 4 * 1024 * 1024 }),
    );
    expect(small.message).toBe('script exceeded its memory limit of 4 MiB');
  });

  it('offers no binary buffers, whose memory would escape the limit', async () => {
    expect(
      await script('return [typeof ArrayBuffer, typeof Uint8Array, typeof DataView, typeof SharedArrayBuffer];'),
    ).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('reports runaway recursion as a failure and keeps working afterwards', async () => {
    const error = await failure(script('function down(n) { return down(n + 1) + 1; } return down(0);'));
    expect(error.code).toBe('SCRIPT_FAILED');
    expect(error.message).toMatch(/stack overflow/);
    expect(await script('function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); } return depth(300);')).toBe(300);
  });

  it('recovers when deeply nested data exhausts the host stack', async () => {
    const error = await failure(script('let a = []; for (let i = 0; i < 200000; i++) a = [a]; return a;'));
    expect(error.code).toBe('SCRIPT_FAILED');
    expect(await script('return 1 + 1;')).toBe(2);
  });

  it('has no require, process, fetch or timers', async () => {
    expect(
      await script(
        'return [typeof require, typeof process, typeof fetch, typeof setTimeout, typeof XMLHttpRequest, typeof std, typeof os];',
      ),
    ).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
    const error = await failure(script('return require("fs");'));
    expect(error.message).toBe("script threw: ReferenceError: 'require' is not defined (line 1)");
  });

  it('rejects results that are not JSON', async () => {
    const fn = await failure(script('return () => 1;'));
    expect(fn.code).toBe('SCRIPT_FAILED');
    expect(fn.message).toMatch(/^script returned a function/);
    const big = await failure(script('return 10n;'));
    expect(big.message).toBe('script returned a bigint, which is not a JSON value');
    const cyclic = await failure(script('const a = {}; a.self = a; return a;'));
    expect(cyclic.message).toMatch(/^script returned a value that cannot be turned into JSON: /);
  });

  it('cannot fake its result by replacing JSON.stringify', async () => {
    expect(await script('JSON.stringify = () => "{\\"forged\\":true}"; return { real: true };')).toEqual({
      real: true,
    });
  });

  it('settles a returned promise', async () => {
    expect(await script('return (async () => { const x = await Promise.resolve(20); return x + 1; })();')).toBe(21);
    const rejected = await failure(script('return (async () => { await null; throw new RangeError("late"); })();'));
    expect(rejected.message).toMatch(/^script threw: RangeError: late/);
    const never = await failure(script('return new Promise(() => {});'));
    expect(never.message).toMatch(/^script returned a promise that never settled/);
  });

  it('runs scripts concurrently without mixing them up', async () => {
    const results = await Promise.all([1, 2, 3, 4].map((n) => script(`return ${n} * attempt;`)));
    expect(results).toEqual([2, 4, 6, 8]);
  });
});
