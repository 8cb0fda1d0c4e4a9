import { describe, expect, it } from 'vitest';
import { configFields } from './config-fields.js';
import { fieldSyntax } from './field-syntax.js';

describe('fieldSyntax', () => {
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
