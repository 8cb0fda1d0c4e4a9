import { describe, expect, it } from 'vitest';
import { parseWorkflowValue } from './parse-workflow.js';
import type { Problem } from './problem.js';

type Json = Record<string, unknown>;

function doc(nodes: Json[], edges: Json[] = [], extra: Json = {}): Json {
  return { format: 'switchyard/workflow@1', id: 'flow', name: 'Flow', version: 1, nodes, edges, ...extra };
}

const START = { id: 'start', kind: 'start' };
const END = { id: 'done', kind: 'end' };
const task = (id: string, extra: Json = {}): Json => ({ id, kind: 'transform', config: { output: '1' }, ...extra });
const edge = (from: string, to: string, extra: Json = {}): Json => ({ from, to, ...extra });

/** Problems of one code; the document must have passed the schema. */
function problems(value: Json, code?: string): Problem[] {
  const all = parseWorkflowValue(value).problems;
  expect(all.filter((p) => p.code === 'INVALID_WORKFLOW')).toEqual([]);
  return code === undefined ? all : all.filter((p) => p.code === code);
}

const err = (code: string, where: Partial<Problem>, message: string): Problem => ({
  severity: 'error',
  code,
  ...where,
  message,
});
const warn = (code: string, where: Partial<Problem>, message: string): Problem => ({
  severity: 'warning',
  code,
  ...where,
  message,
});

describe('validateWorkflow: nodes and edges', () => {
  it('accepts a minimal workflow without problems', () => {
    expect(problems(doc([START, END], [edge('start', 'done')]))).toEqual([]);
  });

  it("bounds a task's timeout to 5 minutes, not an approval's (a durable timer)", () => {
    const approval = { id: 'boss', kind: 'approval', config: { title: 't' }, timeoutMs: 86_400_000 };
    const value = doc(
      [START, task('slow', { timeoutMs: 300_001 }), approval, END],
      [edge('start', 'slow'), edge('slow', 'boss'), edge('boss', 'done', { port: 'approved' })],
    );
    expect(problems(value, 'LIMIT_EXCEEDED')).toEqual([
      err(
        'LIMIT_EXCEEDED',
        { node: 'slow', field: 'timeoutMs' },
        "timeoutMs: a task's timeout is at most 300000 ms (5 minutes; limit taskTimeoutMs); this is 300001",
      ),
    ]);
  });

  it('refuses a document with more nodes than the limit before reading them', () => {
    const nodes = Array.from({ length: 10_001 }, (_, i) => task(`t${i}`));
    expect(parseWorkflowValue(doc(nodes)).problems).toEqual([
      err(
        'LIMIT_EXCEEDED',
        { field: 'nodes' },
        '10001 nodes are more than a workflow may have (10000, limit workflowNodes)',
      ),
    ]);
  });

  it('warns about credentials written into the file, not about secret references', () => {
    const http = (id: string, config: Json): Json => ({ id, kind: 'http', config: { method: 'GET', ...config } });
    const value = doc(
      [
        START,
        http('literal', {
          url: 'https://api.example/x?api_key=abc123&page=2',
          headers: { Authorization: 'Bearer abc123' },
        }),
        http('fine', {
          url: 'https://api.example/x?token={{ secret.API_TOKEN }}',
          headers: { Authorization: "{{ 'Bearer ' & $secret('API_TOKEN') }}", Accept: 'application/json' },
        }),
        END,
      ],
      [edge('start', 'literal'), edge('literal', 'fine'), edge('fine', 'done')],
    );
    expect(problems(value, 'LITERAL_SECRET')).toEqual([
      warn(
        'LITERAL_SECRET',
        { node: 'literal', field: 'config.headers.Authorization' },
        'config.headers.Authorization: the Authorization header looks like a credential written into the file; use {{ secret.NAME }} so that its value is never recorded',
      ),
      warn(
        'LITERAL_SECRET',
        { node: 'literal', field: 'config.url' },
        'config.url: the api_key query parameter looks like a credential written into the file; use {{ secret.NAME }} so that its value is never recorded',
      ),
    ]);
  });

  it('checks the input schema against the JSON Schema meta-schema, naming each place', () => {
    const value = (input: Json): Json => ({ ...doc([START, END], [edge('start', 'done')]), input });
    expect(problems(value({ type: 'object', required: 1.5 }), 'BAD_INPUT_SCHEMA')).toEqual([
      err(
        'BAD_INPUT_SCHEMA',
        { field: 'input' },
        'input.required: Instance type "number" is invalid. Expected "array".',
      ),
    ]);
    expect(
      problems(value({ type: 'object', properties: { a: { type: 'number', minimum: 'x' } } }), 'BAD_INPUT_SCHEMA'),
    ).toEqual([
      err(
        'BAD_INPUT_SCHEMA',
        { field: 'input' },
        'input.properties.a.minimum: Instance type "string" is invalid. Expected "number".',
      ),
    ]);
    expect(problems(value({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }))).toEqual([]);
  });

  it('needs a start node', () => {
    expect(problems(doc([END]), 'START_MISSING')).toEqual([
      err('START_MISSING', {}, 'has no start node; a workflow needs exactly one'),
    ]);
  });

  it('allows only one start node', () => {
    expect(
      problems(
        doc([START, { id: 'again', kind: 'start' }, END], [edge('start', 'done'), edge('again', 'done')]),
        'START_MULTIPLE',
      ),
    ).toEqual([
      err(
        'START_MULTIPLE',
        { node: 'again' },
        'is a second start node (the first is start); a workflow needs exactly one',
      ),
    ]);
  });

  it('rejects duplicate node ids', () => {
    expect(
      problems(doc([START, task('a'), task('a'), END], [edge('start', 'a'), edge('a', 'done')]), 'DUPLICATE_NODE'),
    ).toEqual([err('DUPLICATE_NODE', { node: 'a' }, 'id used by 2 nodes; node ids must be unique')]);
  });

  it('rejects edges to nodes that do not exist', () => {
    expect(
      problems(doc([START, END], [edge('start', 'done'), edge('ghost', 'nowhere', { id: 'e9' })]), 'UNKNOWN_NODE'),
    ).toEqual([
      err('UNKNOWN_NODE', { edge: 'e9', field: 'from' }, 'from: there is no node ghost'),
      err('UNKNOWN_NODE', { edge: 'e9', field: 'to' }, 'to: there is no node nowhere'),
    ]);
  });

  it('rejects a port the source kind does not have', () => {
    const value = doc(
      [START, { id: 'check', kind: 'condition', config: { when: 'true' } }, END],
      [edge('start', 'check'), edge('check', 'done', { port: 'yes' })],
    );
    expect(problems(value, 'BAD_PORT')).toEqual([
      err(
        'BAD_PORT',
        { edge: 'check->done', field: 'port' },
        'port: condition node check has no port "yes" (its ports: true, false)',
      ),
    ]);
  });

  it('treats an edge without port as the "out" port', () => {
    const value = doc(
      [START, { id: 'check', kind: 'condition', config: { when: 'true' } }, END],
      [edge('start', 'check'), edge('check', 'done')],
    );
    expect(problems(value, 'BAD_PORT')[0]?.message).toBe(
      'port: condition node check has no port "out" (its ports: true, false)',
    );
  });

  it('rejects an edge into start', () => {
    expect(problems(doc([START, task('a')], [edge('start', 'a'), edge('a', 'start')]), 'EDGE_INTO_START')).toEqual([
      err('EDGE_INTO_START', { edge: 'a->start' }, 'leads into the start node start; nothing may lead into start'),
    ]);
  });

  it('allows "when" only on edges leaving a parallel node', () => {
    expect(problems(doc([START, END], [edge('start', 'done', { when: 'true' })]), 'WHEN_NOT_ALLOWED')).toEqual([
      err(
        'WHEN_NOT_ALLOWED',
        { edge: 'start->done', field: 'when' },
        'when: only edges that leave a parallel node may have a condition (start is a start node)',
      ),
    ]);
  });

  it('rejects two edges from the same port', () => {
    const value = doc([START, task('a'), task('b')], [edge('start', 'a'), edge('start', 'b')]);
    expect(problems(value, 'DUPLICATE_PORT_EDGE')).toEqual([
      err(
        'DUPLICATE_PORT_EDGE',
        { edge: 'start->b', field: 'port' },
        'port "out" of node start already leads to a; a port leads to one node',
      ),
    ]);
  });

  it('allows many edges from the out port of a parallel node', () => {
    const value = doc(
      [START, { id: 'split', kind: 'parallel' }, task('a'), task('b'), { id: 'join', kind: 'join' }, END],
      [
        edge('start', 'split'),
        edge('split', 'a'),
        edge('split', 'b'),
        edge('a', 'join'),
        edge('b', 'join'),
        edge('join', 'done'),
      ],
    );
    expect(problems(value)).toEqual([]);
  });

  it('rejects edges leaving end and fail nodes', () => {
    const value = doc(
      [START, END, task('a'), { id: 'oops', kind: 'fail', config: { message: 'x' } }],
      [edge('start', 'done'), edge('done', 'a'), edge('oops', 'a')],
    );
    expect(problems(value, 'TERMINAL_HAS_EDGES')).toEqual([
      err('TERMINAL_HAS_EDGES', { edge: 'done->a' }, 'leaves end node done; end nodes have no outgoing edges'),
      err('TERMINAL_HAS_EDGES', { edge: 'oops->a' }, 'leaves fail node oops; fail nodes have no outgoing edges'),
    ]);
  });

  it('rejects switch cases and wait events that collide with other ports', () => {
    const value = doc(
      [
        START,
        {
          id: 'route',
          kind: 'switch',
          config: {
            cases: [
              { port: 'a', when: '1' },
              { port: 'a', when: '2' },
              { port: 'default', when: '3' },
            ],
          },
        },
        { id: 'hold', kind: 'wait', config: { events: ['go', 'timeout'] } },
      ],
      [edge('start', 'route'), edge('route', 'hold', { port: 'a' })],
    );
    expect(problems(value, 'DUPLICATE_PORT')).toEqual([
      err(
        'DUPLICATE_PORT',
        { node: 'route', field: 'config.cases[1].port' },
        'config.cases[1].port: port "a" is listed twice',
      ),
      err(
        'DUPLICATE_PORT',
        { node: 'route', field: 'config.cases[2].port' },
        'config.cases[2].port: "default" is reserved for the default port',
      ),
      err(
        'DUPLICATE_PORT',
        { node: 'hold', field: 'config.events[1]' },
        'config.events[1]: "timeout" is reserved for the timeout port',
      ),
    ]);
  });
});

describe('validateWorkflow: node settings', () => {
  const flow = (a: Json, extra: Json[] = []): Json =>
    doc([START, a, END, ...extra], [edge('start', 'a'), edge('a', 'done')]);

  it('checks compensation references', () => {
    expect(problems(flow(task('a', { compensation: 'ghost' })), 'BAD_COMPENSATION')).toEqual([
      err('BAD_COMPENSATION', { node: 'a', field: 'compensation' }, 'compensation: there is no node ghost'),
    ]);
    expect(problems(flow(task('a', { compensation: 'a' })), 'BAD_COMPENSATION')[0]?.message).toBe(
      'compensation: a node cannot be its own compensation',
    );
    expect(problems(flow(task('a', { compensation: 'done' })), 'BAD_COMPENSATION')[0]?.message).toBe(
      'compensation: done is an end node; a compensation must be a node that does work',
    );
  });

  it('exempts compensation-only nodes from the reachability warning', () => {
    const undo = { id: 'undo', kind: 'log', config: { message: 'undo a' } };
    expect(problems(flow(task('a', { compensation: 'undo' }), [undo]))).toEqual([]);
  });

  it('allows retry only on task kinds', () => {
    const value = flow({ id: 'a', kind: 'log', config: { message: 'hi' }, retry: { maxAttempts: 3 } });
    expect(problems(value, 'RETRY_NOT_ALLOWED')).toEqual([
      err(
        'RETRY_NOT_ALLOWED',
        { node: 'a', field: 'retry' },
        'retry: only task nodes (transform, set, script, http, subflow, forEach) retry; this is a log node',
      ),
    ]);
  });

  it('allows timeoutMs only on task, approval and wait kinds', () => {
    const value = flow({ id: 'a', kind: 'delay', config: { ms: 5 }, timeoutMs: 10 });
    expect(problems(value, 'TIMEOUT_NOT_ALLOWED')).toEqual([
      err(
        'TIMEOUT_NOT_ALLOWED',
        { node: 'a', field: 'timeoutMs' },
        'timeoutMs: only task, approval and wait nodes take a timeout; this is a delay node',
      ),
    ]);
  });

  it('needs a count for join mode "count" and only there', () => {
    const block = (config: Json): Json =>
      doc(
        [START, { id: 'split', kind: 'parallel' }, task('a'), task('b'), { id: 'j', kind: 'join', config }, END],
        [
          edge('start', 'split'),
          edge('split', 'a'),
          edge('split', 'b'),
          edge('a', 'j'),
          edge('b', 'j'),
          edge('j', 'done'),
        ],
      );
    expect(problems(block({ mode: 'count' }), 'JOIN_COUNT')).toEqual([
      err(
        'JOIN_COUNT',
        { node: 'j', field: 'config.count' },
        'config.count: mode "count" needs a count of branches to wait for',
      ),
    ]);
    expect(problems(block({ count: 1 }), 'JOIN_COUNT')).toEqual([
      err(
        'JOIN_COUNT',
        { node: 'j', field: 'config.count' },
        'config.count: count is only used with mode "count" (the mode is "all")',
      ),
    ]);
    expect(problems(block({ mode: 'count', count: 1 }))).toEqual([]);
  });

  it('resolves subflow and forEach workflow ids', () => {
    const child = doc([START, END], [edge('start', 'done')], { id: 'child' });
    const call = (workflow: string): Json => ({ id: 'a', kind: 'subflow', config: { workflow } });
    expect(problems({ ...flow(call('child')), subflows: [child] })).toEqual([]);
    expect(problems(flow(call('flow')))).toEqual([]);
    expect(
      problems(flow({ id: 'a', kind: 'forEach', config: { items: '[1]', workflow: 'missing' } }), 'UNKNOWN_WORKFLOW'),
    ).toEqual([
      err(
        'UNKNOWN_WORKFLOW',
        { node: 'a', field: 'config.workflow' },
        `config.workflow: no workflow missing in this document (it must be the document's own id or an entry of "subflows")`,
      ),
    ]);
  });

  it('lets a subflow name a sibling subflow', () => {
    const leaf = doc([START, END], [edge('start', 'done')], { id: 'leaf' });
    const middle = doc(
      [START, { id: 'a', kind: 'subflow', config: { workflow: 'leaf' } }, END],
      [edge('start', 'a'), edge('a', 'done')],
      { id: 'middle' },
    );
    expect(
      problems({ ...flow({ id: 'a', kind: 'subflow', config: { workflow: 'middle' } }), subflows: [middle, leaf] }),
    ).toEqual([]);
  });

  it('reports problems inside subflows with the subflow id', () => {
    const child = doc([START, { id: 'loose', kind: 'end' }], [], { id: 'child' });
    expect(problems({ ...flow(task('a')), subflows: [child] })).toEqual([
      warn('UNREACHABLE', { subflow: 'child' }, 'subflow child: node loose: cannot be reached from the start node'),
    ]);
  });
});

describe('validateWorkflow: expressions', () => {
  it('checks a set node: var names, at least one var, each expression with its position', () => {
    const set = (vars: Json): Json[] => [START, { id: 'vars', kind: 'set', config: { vars } }, END];
    const flowOf = (vars: Json): Json => doc(set(vars), [edge('start', 'vars'), edge('vars', 'done')]);
    const schemaProblems = (vars: Json) => parseWorkflowValue(flowOf(vars)).problems;
    expect(schemaProblems({ '1st': 'input' })).toEqual([
      err(
        'INVALID_WORKFLOW',
        { node: 'vars', field: 'config.vars.1st' },
        'config.vars.1st: invalid key: expected a variable name',
      ),
    ]);
    expect(schemaProblems({})).toEqual([
      err('INVALID_WORKFLOW', { node: 'vars', field: 'config.vars' }, 'config.vars: expected at least one variable'),
    ]);
    expect(problems(flowOf({ ok: 'input.a', total: 'input.a +' }), 'BAD_EXPRESSION')).toEqual([
      err(
        'BAD_EXPRESSION',
        { node: 'vars', field: 'config.vars.total' },
        'config.vars.total: syntax error at position 9: unexpected end of expression in "input.a +"',
      ),
    ]);
  });

  it('names node and field of an expression syntax error', () => {
    const value = doc(
      [START, { id: 'check', kind: 'condition', config: { when: 'input.amount >' } }, END],
      [edge('start', 'check'), edge('check', 'done', { port: 'true' })],
    );
    expect(problems(value, 'BAD_EXPRESSION')).toEqual([
      err(
        'BAD_EXPRESSION',
        { node: 'check', field: 'config.when' },
        'config.when: syntax error at position 14: unexpected end of expression in "input.amount >"',
      ),
    ]);
  });

  it('checks templates, nested expression fields and edge conditions', () => {
    const value = doc(
      [
        START,
        { id: 'split', kind: 'parallel' },
        { id: 'say', kind: 'log', config: { message: 'Hi {{ input.name' } },
        { id: 'route', kind: 'switch', config: { cases: [{ port: 'x', when: '(1' }] } },
        { id: 'calc', kind: 'transform', config: { assign: { total: 'a + + b' } } },
        { id: 'join', kind: 'join' },
      ],
      [
        edge('start', 'split'),
        edge('split', 'say', { when: "input.x = 'a" }),
        edge('split', 'route'),
        edge('split', 'calc'),
        edge('say', 'join'),
        edge('route', 'join', { port: 'x' }),
        edge('calc', 'join'),
      ],
    );
    expect(problems(value, 'BAD_EXPRESSION').map((p) => [p.node ?? p.edge, p.field, p.message])).toEqual([
      ['say', 'config.message', 'config.message: unclosed "{{" at position 3: end the expression with "}}"'],
      [
        'route',
        'config.cases[0].when',
        'config.cases[0].when: syntax error at position 2: expected ")" before end of expression in "(1"',
      ],
      [
        'calc',
        'config.assign.total',
        'config.assign.total: syntax error at position 5: the symbol "+" cannot be used as a unary operator in "a + + b"',
      ],
      [
        'split->say',
        'when',
        `when: syntax error at position 12: string literal must be terminated by a matching quote in "input.x = 'a"`,
      ],
    ]);
  });
});

describe('validateWorkflow: warnings', () => {
  it('warns about nodes unreachable from start', () => {
    expect(problems(doc([START, END, task('island')], [edge('start', 'done')]))).toEqual([
      warn('UNREACHABLE', { node: 'island' }, 'cannot be reached from the start node'),
    ]);
  });

  it('warns about a timeout without a timeout edge, and a timeout edge without a timeout', () => {
    const approval = (extra: Json): Json => ({ id: 'ask', kind: 'approval', config: { title: 'ok?' }, ...extra });
    expect(
      problems(
        doc(
          [START, approval({ timeoutMs: 1000 }), END],
          [edge('start', 'ask'), edge('ask', 'done', { port: 'approved' })],
        ),
      ),
    ).toEqual([
      warn(
        'TIMEOUT_UNHANDLED',
        { node: 'ask', field: 'timeoutMs' },
        'timeoutMs: no edge leaves the "timeout" port, so a timeout fails the run',
      ),
    ]);
    expect(
      problems(doc([START, approval({}), END], [edge('start', 'ask'), edge('ask', 'done', { port: 'timeout' })])),
    ).toEqual([
      warn(
        'TIMEOUT_EDGE_UNUSED',
        { edge: 'ask->done' },
        'leaves the "timeout" port of ask, which has no timeoutMs; it is never taken',
      ),
    ]);
  });

  it('does not warn about an unconnected error port', () => {
    expect(problems(doc([START, task('a'), END], [edge('start', 'a'), edge('a', 'done')]))).toEqual([]);
  });
});

describe('validateWorkflow: references', () => {
  const fetchNode = { id: 'fetch', kind: 'http', config: { method: 'GET', url: 'https://billing.example/invoice' } };
  const invoiceFlow = (when: string, extra: Json = {}): Json =>
    doc(
      [
        START,
        fetchNode,
        { id: 'check', kind: 'condition', config: { when } },
        { id: 'boss', kind: 'approval', config: { title: 'Approve {{ steps.fetch.output.body.amount }}?' } },
        { id: 'auto', kind: 'end', config: { output: "'auto-approved'" } },
        END,
      ],
      [
        edge('start', 'fetch'),
        edge('fetch', 'check'),
        edge('check', 'boss', { port: 'true' }),
        edge('check', 'auto', { port: 'false' }),
        edge('boss', 'done', { port: 'approved' }),
        edge('boss', 'done', { port: 'rejected' }),
      ],
      extra,
    );

  it('finds a typo in a step name, with the name it most likely meant', () => {
    expect(problems(invoiceFlow('steps.fetsh.output.body.amount > 1000'), 'UNKNOWN_STEP')).toEqual([
      err(
        'UNKNOWN_STEP',
        { node: 'check', field: 'config.when' },
        'config.when: steps.fetsh: there is no node fetsh (did you mean fetch?)',
      ),
    ]);
    expect(problems(invoiceFlow('steps.fetch.output.body.amount > 1000'))).toEqual([]);
  });

  it('finds the references a rename left behind', () => {
    const renamed = invoiceFlow('steps.fetch.output.body.amount > 1000');
    const nodes = renamed['nodes'] as Json[];
    const edges = renamed['edges'] as Json[];
    const value = {
      ...renamed,
      nodes: nodes.map((n) => (n['id'] === 'fetch' ? { ...n, id: 'getInvoice' } : n)),
      edges: edges.map((e) => ({
        ...e,
        from: e['from'] === 'fetch' ? 'getInvoice' : e['from'],
        to: e['to'] === 'fetch' ? 'getInvoice' : e['to'],
      })),
    };
    expect(problems(value, 'UNKNOWN_STEP').map((p) => `${p.node} ${p.field}`)).toEqual([
      'check config.when',
      'boss config.title',
    ]);
  });

  it('refuses a step that cannot have run yet, and allows a parallel sibling and what a compensation follows', () => {
    const value = doc(
      [
        START,
        { id: 'early', kind: 'transform', config: { output: 'steps.late.output' } },
        { id: 'fork', kind: 'parallel' },
        { id: 'a', kind: 'transform', config: { output: '1' }, compensation: 'undoA' },
        { id: 'b', kind: 'transform', config: { output: 'steps.a.output' } },
        { id: 'join', kind: 'join' },
        { id: 'late', kind: 'transform', config: { output: 'steps.b.output' } },
        { id: 'undoA', kind: 'log', config: { message: 'undo {{ steps.a.output }} after {{ steps.early.output }}' } },
        END,
      ],
      [
        edge('start', 'early'),
        edge('early', 'fork'),
        edge('fork', 'a', { when: 'steps.early.output > 0' }),
        edge('fork', 'b'),
        edge('a', 'join'),
        edge('b', 'join'),
        edge('join', 'late'),
        edge('late', 'done'),
      ],
    );
    expect(problems(value).filter((p) => p.severity === 'error')).toEqual([
      err(
        'STEP_NOT_BEFORE',
        { node: 'early', field: 'config.output' },
        'config.output: steps.late: node late cannot have run before early (no path leads from it to here)',
      ),
    ]);
  });

  it('warns about fields a step, a kind or the input schema does not have', () => {
    const value = invoiceFlow('steps.fetch.output.bdy.amount > input.limt and steps.fetch.outptu != null', {
      input: { type: 'object', properties: { limit: { type: 'number' } } },
    });
    expect(problems(value, 'UNKNOWN_FIELD').map((p) => p.message)).toEqual([
      'config.when: steps.fetch.output.bdy: HTTP request output has status, headers, body; did you mean body?',
      'config.when: input.limt: the input schema has no property limt (it has limit); did you mean limit?',
      'config.when: steps.fetch.outptu: a step has output, error, attempts; did you mean output?',
    ]);
  });
});
