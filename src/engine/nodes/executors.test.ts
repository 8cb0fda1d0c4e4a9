import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '#shared';
import { isExecutable } from './executors.js';

describe('node kind modules', () => {
  it.each(NODE_KINDS.filter(isExecutable))('kinds/%s.ts exports execute', async (kind) => {
    const module: unknown = await import(`./kinds/${kind}.ts`);
    expect(typeof Reflect.get(Object(module), 'execute')).toBe('function');
  });

  it('every module in kinds/ is a node kind', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = await readdir(new URL('./kinds/', import.meta.url));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(NODE_KINDS.filter(isExecutable).sort());
  });
});
