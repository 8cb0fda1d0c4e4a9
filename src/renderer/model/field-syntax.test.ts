import { expressionFields } from '#engine';
import type { WorkflowNode } from '#shared';
import { describe, expect, it } from 'vitest';
import { configFields } from './config-fields.js';
import { FIELD_SYNTAX, fieldSyntax } from './field-syntax.js';

/** One node per kind with every expression/template field filled. */
const FULL: WorkflowNode[] = [
  { id: 'e', kind: 'end', config: { output: 'o' } },
  { id: 'f', kind: 'fail', config: { message: 'm' } },
  { id: 't', kind: 'transform', config: { output: 'o', assign: { v: 'a' } } },
  { id: 'h', kind: 'http', config: { method: 'GET', url: 'u', headers: { H: 'h' }, body: 'b' } },
  { id: 'd', kind: 'delay', config: { ms: 'm', until: 'u' } },
  { id: 'l', kind: 'log', config: { message: 'm' } },
  { id: 'c', kind: 'condition', config: { when: 'w' } },
  { id: 's', kind: 'switch', config: { cases: [{ port: 'p', when: 'w' }] } },
  { id: 'a', kind: 'approval', config: { title: 't', description: 'd' } },
  { id: 'sub', kind: 'subflow', config: { workflow: 'x', input: 'i' } },
  { id: 'each', kind: 'forEach', config: { workflow: 'x', items: 'i' } },
];

/** `config.cases[0].when` → `cases[].when`, `config.assign.v` → `assign.*`. */
function tablePath(field: string): string {
  return field
    .replace(/^config\./, '')
    .replace(/\[\d+\]/g, '[]')
    .replace(/^(assign|headers)\..*$/, '$1.*');
}

describe('FIELD_SYNTAX', () => {
  it('agrees with the engine on which fields are expressions and which templates', () => {
    const fromEngine = FULL.flatMap((node) =>
      expressionFields(node).map((f) => [node.kind, tablePath(f.field), f.template ? 'template' : 'expression']),
    );
    const fromTable = Object.entries(FIELD_SYNTAX).flatMap(([kind, fields]) =>
      Object.entries(fields ?? {})
        .filter(([, syntax]) => syntax !== 'code')
        .map(([path, syntax]) => [kind, path, syntax]),
    );
    expect(fromTable.sort()).toEqual(fromEngine.sort());
  });

  it('drives the generated forms', () => {
    expect(fieldSyntax('http', 'url')).toBe('template');
    const http = configFields('http');
    expect(http.map((f) => [f.key, f.type])).toEqual([
      ['method', 'enum'],
      ['url', 'text'],
      ['headers', 'record'],
      ['body', 'text'],
      ['expectStatus', 'statusList'],
    ]);
    expect(http[1]).toMatchObject({ syntax: 'template', required: true, label: 'URL' });
    expect(http[2]).toMatchObject({ syntax: 'template' });
    expect(http[3]).toMatchObject({ syntax: 'expression', required: false });
  });
});
