import { describe, expect, it } from 'vitest';
import { toJSONSchema } from 'zod';
import { defaultConfig, NODE_KIND_SPECS, NODE_KINDS, kindSpec, kindsWith, type NodeKind } from './node-kinds.js';
import { WorkflowNode } from './workflow.schema.js';

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema;
  anyOf?: JsonSchema[];
};

/** The JSON Schema of the config field at a registry path (`assign.*`, `cases[].when`). */
function schemaAt(kind: NodeKind, path: string): JsonSchema | undefined {
  let schema: JsonSchema | undefined = toJSONSchema(kindSpec(kind).config, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  for (const segment of path.split('.')) {
    if (segment === '*') schema = schema?.additionalProperties;
    else if (segment.endsWith('[]')) schema = schema?.properties?.[segment.slice(0, -2)]?.items;
    else schema = schema?.properties?.[segment];
  }
  return schema;
}

describe('the node kind registry', () => {
  it('keys every entry by its kind and lists the kinds in registry order', () => {
    expect(NODE_KINDS).toEqual(Object.keys(NODE_KIND_SPECS));
    for (const kind of NODE_KINDS) expect(kindSpec(kind).kind).toBe(kind);
  });

  it('names only string config fields in `fields`', () => {
    for (const kind of NODE_KINDS) {
      for (const path of Object.keys(kindSpec(kind).fields)) {
        const schema = schemaAt(kind, path);
        const types = schema?.anyOf?.map((s) => s.type) ?? [schema?.type];
        expect(types, `${kind} ${path}`).toContain('string');
      }
    }
  });

  it('gives every task a retry, a timeout and an error port', () => {
    for (const kind of kindsWith('task')) {
      const spec = kindSpec(kind);
      expect(spec.traits, kind).toEqual(expect.arrayContaining(['retry', 'timeout']));
      expect(spec.ports, kind).toEqual({ type: 'fixed', ports: ['out', 'error'] });
    }
    expect([...kindsWith('retry')].filter((kind) => !kindsWith('task').has(kind))).toEqual([]);
  });

  it('has defaults that make a valid node, and config only where the kind may leave it out', () => {
    for (const kind of NODE_KINDS) {
      const spec = kindSpec(kind);
      const defaults = defaultConfig(kind, 'wf');
      const node = { id: 'n', kind, ...(defaults === undefined ? {} : { config: defaults }) };
      expect(WorkflowNode.safeParse(node).success, kind).toBe(true);
      expect(spec.optionalConfig, kind).toBe(spec.config.safeParse({}).success);
    }
  });

  it('orders each palette group without ties', () => {
    const slots = NODE_KINDS.map((kind) => `${kindSpec(kind).palette.group}:${kindSpec(kind).palette.order}`);
    expect(new Set(slots).size).toBe(slots.length);
  });
});
