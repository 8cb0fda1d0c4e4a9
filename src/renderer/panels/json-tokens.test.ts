import { describe, expect, it } from 'vitest';
import { tokenizeJson } from './json-tokens.js';

describe('tokenizeJson', () => {
  it('tells keys from string values and keeps every character', () => {
    const text = JSON.stringify({ id: 'x', n: -1.5, ok: true, list: [null] }, null, 2);
    const tokens = tokenizeJson(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    expect(tokens.filter((t) => t.kind === 'key').map((t) => t.text)).toEqual(['"id"', '"n"', '"ok"', '"list"']);
    expect(tokens.filter((t) => t.kind === 'string').map((t) => t.text)).toEqual(['"x"']);
    expect(tokens.filter((t) => t.kind === 'number').map((t) => t.text)).toEqual(['-1.5']);
    expect(tokens.filter((t) => t.kind === 'keyword').map((t) => t.text)).toEqual(['true', 'null']);
  });
});
