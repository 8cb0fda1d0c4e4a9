import { describe, expect, it } from 'vitest';
import { parseWorkflow, parseWorkflowValue } from './parse-workflow.js';
import { formatProblem, type Problem } from './problem.js';

const FORMAT = 'switchyard/workflow@1';

function doc(nodes: unknown[], edges: unknown[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { format: FORMAT, id: 'flow', name: 'Flow', version: 1, nodes, edges, ...extra };
}

const START = { id: 'start', kind: 'start' };
const END = { id: 'done', kind: 'end' };

function problemsOf(value: unknown): Problem[] {
  const result = parseWorkflowValue(value);
  expect(result.ok).toBe(false);
  return result.problems;
}

function lines(value: unknown): string[] {
  return problemsOf(value).map((p) => formatProblem('flow.json', p));
}

describe('parseWorkflow: JSON', () => {
  it('reports text that is not JSON with line and column', () => {
    const result = parseWorkflow('{\n  "format": "switchyard/workflow@1",\n  "nodes": [1,]\n}');
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          severity: 'error',
          code: 'BAD_JSON',
          message: 'not valid JSON: expected a value but found character "]" at line 3, column 15',
        },
      ],
    });
  });

  it('reports an empty file', () => {
    expect(parseWorkflow('').problems[0]?.message).toBe(
      'not valid JSON: expected a value but found end of input at line 1, column 1',
    );
  });

  it('reports trailing text after the document', () => {
    expect(parseWorkflow('{}\n}').problems[0]?.message).toBe(
      'not valid JSON: unexpected character "}" after the end of the document at line 2, column 1',
    );
  });

  it('accepts a byte order mark', () => {
    const result = parseWorkflow(`\uFEFF${JSON.stringify(doc([START, END], [{ from: 'start', to: 'done' }]))}`);
    expect(result).toMatchObject({ ok: true, problems: [] });
  });

  it('rejects JSON that is not an object', () => {
    expect(lines([])).toEqual(['flow.json: expected a JSON object (a switchyard workflow document)']);
  });
});

describe('parseWorkflow: format', () => {
  it('names the version it reads when format is missing', () => {
    const value = doc([START]);
    delete value.format;
    expect(problemsOf(value)).toEqual([
      {
        severity: 'error',
        code: 'BAD_FORMAT_VERSION',
        field: 'format',
        message: 'missing "format": this program reads switchyard/workflow@1',
      },
    ]);
  });

  it('names both versions when the format is newer', () => {
    expect(problemsOf({ ...doc([START]), format: 'switchyard/workflow@2' })).toEqual([
      {
        severity: 'error',
        code: 'BAD_FORMAT_VERSION',
        field: 'format',
        message: 'format switchyard/workflow@2 is newer than this program understands (it reads switchyard/workflow@1)',
      },
    ]);
  });

  it('rejects another kind of document', () => {
    expect(lines({ ...doc([START]), format: 'switchyard/run-bundle@1' })).toEqual([
      'flow.json: format: expected "switchyard/workflow@1", got "switchyard/run-bundle@1": this is not a switchyard workflow document',
    ]);
  });
});

describe('parseWorkflow: shape', () => {
  it('names the node and lists the kinds for an unknown kind', () => {
    expect(problemsOf(doc([START, { id: 'x', kind: 'teleport' }]))).toEqual([
      {
        severity: 'error',
        code: 'INVALID_WORKFLOW',
        node: 'x',
        field: 'kind',
        message:
          'unknown kind "teleport" (expected one of start, end, fail, transform, set, script, http, delay, log, condition, switch, parallel, join, approval, wait, subflow, forEach)',
      },
    ]);
  });

  it('reports unknown fields of the document, a node, its config and an edge', () => {
    const value = doc(
      [START, { id: 'fetch', kind: 'http', colour: 'red', config: { method: 'GET', url: 'https://x', verb: 'GET' } }],
      [{ from: 'start', to: 'fetch', style: 'dashed' }],
      { author: 'me' },
    );
    expect(lines(value)).toEqual([
      'flow.json: node fetch: config: unknown field "verb"',
      'flow.json: node fetch: unknown field "colour"',
      'flow.json: edge start->fetch: unknown field "style"',
      'flow.json: unknown field "author"',
    ]);
    expect(problemsOf(value)[0]).toMatchObject({ node: 'fetch', field: 'config.verb' });
  });

  it('names node, field and expected type for a wrong type', () => {
    const value = doc([START, { id: 'fetch', kind: 'http', config: { method: 'GET', url: 42 } }]);
    expect(problemsOf(value)).toEqual([
      {
        severity: 'error',
        code: 'INVALID_WORKFLOW',
        node: 'fetch',
        field: 'config.url',
        message: 'config.url: expected a string',
      },
    ]);
    expect(lines(value)).toEqual(['flow.json: node fetch: config.url: expected a string']);
  });

  it('reports missing fields, bad enums and bad numbers readably', () => {
    const value = doc(
      [
        START,
        { id: 'say', kind: 'log', config: {} },
        { id: 'call', kind: 'http', config: { method: 'FETCH', url: 'https://x' } },
        { id: 'hold', kind: 'approval', timeoutMs: -5, config: { title: 'ok?' } },
      ],
      [{ from: 'start' }],
    );
    expect(lines(value)).toEqual([
      'flow.json: node say: config.message: missing (expected a string)',
      'flow.json: node call: config.method: expected one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"',
      'flow.json: node hold: timeoutMs: expected a positive number',
      'flow.json: edge start->?: to: missing (expected a string)',
    ]);
  });

  it('uses the position of a node without a usable id', () => {
    expect(lines(doc([START, { kind: 'end' }]))).toEqual(['flow.json: node #2: id: missing (expected a string)']);
  });

  it('prefixes problems inside subflows with the subflow id', () => {
    const child = doc([START, { id: 'fetch', kind: 'http', config: { method: 'GET', url: 1 } }], [], { id: 'child' });
    const problems = problemsOf(doc([START], [], { subflows: [child] }));
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'INVALID_WORKFLOW',
        field: 'config.url',
        subflow: 'child',
        message: 'subflow child: node fetch: config.url: expected a string',
      },
    ]);
    expect(formatProblem('flow.json', problems[0] ?? { severity: 'error', code: '', message: '' })).toBe(
      'flow.json: subflow child: node fetch: config.url: expected a string',
    );
  });
});

describe('parseWorkflow: result', () => {
  it('returns the workflow and its warnings when there are no errors', () => {
    const result = parseWorkflowValue(
      doc([START, END, { id: 'lonely', kind: 'end' }], [{ from: 'start', to: 'done' }]),
    );
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([
      { severity: 'warning', code: 'UNREACHABLE', node: 'lonely', message: 'cannot be reached from the start node' },
    ]);
    if (result.ok) expect(result.workflow.nodes.map((n) => n.id)).toEqual(['start', 'done', 'lonely']);
  });

  it('fails on semantic errors after the shape is right', () => {
    expect(lines(doc([END]))).toEqual(['flow.json: has no start node; a workflow needs exactly one']);
  });
});
