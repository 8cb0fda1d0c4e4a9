import { describe, expect, it } from 'vitest';
import { edges, flow, testEngine, trace } from '../testing/engine.test-support.js';
import { foldEvents, toRunState } from '../history/run-fold.js';
import { graphOf } from '../model/workflow-graph.js';

const start = { id: 'start', kind: 'start' };

describe('engine: linear flows', () => {
  it('runs a transform chain and records entered/completed for each node', async () => {
    const { engine, store } = testEngine();
    const doc = flow(
      [
        start,
        { id: 'double', kind: 'transform', config: { output: 'input.n * 2', assign: { doubled: 'input.n * 2' } } },
        { id: 'done', kind: 'end', config: { output: "{ 'result': steps.double.output, 'v': vars.doubled }" } },
      ],
      edges('start>double', 'double>done'),
    );
    const outcome = await engine.start(doc, { n: 21 });
    expect(outcome).toEqual({
      runId: 'r1',
      status: 'completed',
      output: { result: 42, v: 42 },
      error: null,
      waitingOn: [],
    });
    expect(await trace(store, 'r1')).toEqual([
      'run.started',
      'node.entered:start',
      'node.completed:start',
      'node.entered:double',
      'node.completed:double',
      'node.entered:done',
      'node.completed:done',
      'run.completed',
    ]);
    expect(await store.getRun('r1')).toMatchObject({ status: 'completed', output: { result: 42, v: 42 } });
    const seqs = (await store.events('r1')).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('completes with null when the last node has no outgoing edge', async () => {
    const { engine } = testEngine();
    const doc = flow(
      [start, { id: 'log', kind: 'log', config: { message: 'hello {{ input.who }}' } }],
      edges('start>log'),
    );
    const outcome = await engine.start(doc, { who: 'ana' });
    expect(outcome.status).toBe('completed');
    expect(outcome.output).toBeNull();
  });

  it('refuses input that does not match the input schema, recording nothing', async () => {
    const { engine, store } = testEngine();
    const doc = flow([start], [], {
      input: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] },
    });
    await expect(engine.start(doc, { amount: 'x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('input.amount'),
    });
    expect(await store.listRuns()).toEqual([]);
  });

  it('fails the run through a fail node with its rendered message', async () => {
    const { engine } = testEngine();
    const doc = flow(
      [start, { id: 'nope', kind: 'fail', config: { message: 'bad amount {{ input.amount }}' } }],
      edges('start>nope'),
    );
    const outcome = await engine.start(doc, { amount: 3 });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toEqual({ code: 'WORKFLOW_FAILED', message: 'bad amount 3' });
  });

  it('names node and field when an expression fails', async () => {
    const { engine } = testEngine();
    const doc = flow(
      [start, { id: 'calc', kind: 'transform', config: { output: '$undefinedFn(1)' } }],
      edges('start>calc'),
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toMatch(/^node calc: config.output: /);
  });
});

describe('engine: branching', () => {
  const branching = flow(
    [
      start,
      { id: 'check', kind: 'condition', config: { when: 'input.amount > 1000' } },
      { id: 'big', kind: 'end', config: { output: "'big'" } },
      { id: 'small', kind: 'switch', config: { cases: [{ port: 'tiny', when: 'input.amount < 10' }] } },
      { id: 'tinyEnd', kind: 'end', config: { output: "'tiny'" } },
      { id: 'midEnd', kind: 'end', config: { output: "'mid'" } },
    ],
    edges('start>check', 'check:true>big', 'check:false>small', 'small:tiny>tinyEnd', 'small:default>midEnd'),
  );

  it.each([
    [5000, 'big'],
    [5, 'tiny'],
    [500, 'mid'],
  ])('amount %s takes the %s path', async (amount, expected) => {
    const { engine } = testEngine();
    expect((await engine.start(branching, { amount })).output).toBe(expected);
  });

  it('records the port taken on node.completed', async () => {
    const { engine, store } = testEngine();
    await engine.start(branching, { amount: 5000 });
    const completed = (await store.events('r1')).find((e) => e.type === 'node.completed' && e.node === 'check');
    expect(completed?.data).toEqual({ output: true, port: 'true' });
  });

  it('stops a loop that never ends after maxSteps', async () => {
    const { engine } = testEngine();
    const doc = flow(
      [start, { id: 'inc', kind: 'transform', config: { assign: { i: '(vars.i ? vars.i : 0) + 1' } } }],
      edges('start>inc', 'inc>inc'),
    );
    const outcome = await engine.start(doc, {}, { maxSteps: 50 });
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('MAX_STEPS');
  });

  it('runs a bounded loop to its end', async () => {
    const { engine } = testEngine();
    const doc = flow(
      [
        start,
        { id: 'inc', kind: 'transform', config: { assign: { i: '($exists(vars.i) ? vars.i : 0) + 1' } } },
        { id: 'more', kind: 'condition', config: { when: 'vars.i < 5' } },
        { id: 'done', kind: 'end', config: { output: 'vars.i' } },
      ],
      edges('start>inc', 'inc>more', 'more:true>inc', 'more:false>done'),
    );
    expect((await engine.start(doc, {})).output).toBe(5);
  });
});

describe('engine: parallel and join', () => {
  const block = (mode?: string, count?: number, when?: string) =>
    flow(
      [
        start,
        { id: 'split', kind: 'parallel' },
        { id: 'a', kind: 'transform', config: { output: "'A'" } },
        { id: 'b', kind: 'transform', config: { output: "'B'" } },
        { id: 'c', kind: 'transform', config: { output: "'C'" } },
        { id: 'meet', kind: 'join', config: mode ? { mode, ...(count ? { count } : {}) } : {} },
        { id: 'done', kind: 'end', config: { output: 'steps.meet.output' } },
      ],
      [
        { from: 'start', to: 'split' },
        { from: 'split', to: 'a' },
        { from: 'split', to: 'b', ...(when ? { when } : {}) },
        { from: 'split', to: 'c' },
        { from: 'a', to: 'meet' },
        { from: 'b', to: 'meet' },
        { from: 'c', to: 'meet' },
        { from: 'meet', to: 'done' },
      ],
    );

  it('join all collects every branch output', async () => {
    const { engine } = testEngine();
    expect((await engine.start(block(), {})).output).toEqual({ a: 'A', b: 'B', c: 'C' });
  });

  it('skips a branch whose when is false and does not wait for it', async () => {
    const { engine } = testEngine();
    expect((await engine.start(block('all', undefined, 'input.withB'), { withB: false })).output).toEqual({
      a: 'A',
      c: 'C',
    });
  });

  it('join first continues with the first finished branch and cancels the rest', async () => {
    const { engine, store } = testEngine();
    const outcome = await engine.start(block('first'), {});
    expect(Object.keys(outcome.output as object)).toHaveLength(1);
    const join = (await store.events('r1')).find((e) => e.type === 'node.completed' && e.node === 'meet');
    expect(join?.data?.['cancelled']).toBeDefined();
  });

  it('join count continues after count branches', async () => {
    const { engine } = testEngine();
    expect(Object.keys((await engine.start(block('count', 2), {})).output as object)).toHaveLength(2);
  });

  it('an end inside a branch completes the run and cancels the others', async () => {
    const { engine } = testEngine();
    const doc = flow(
      [
        start,
        { id: 'split', kind: 'parallel' },
        { id: 'quick', kind: 'end', config: { output: "'quick'" } },
        { id: 'slow', kind: 'delay', config: { ms: 60000 } },
        { id: 'meet', kind: 'join' },
      ],
      edges('start>split', 'split>quick', 'split>slow', 'slow>meet'),
    );
    const outcome = await engine.start(doc, {});
    expect(outcome).toMatchObject({ status: 'completed', output: 'quick' });
  });
});

describe('engine: retries, errors, timeouts', () => {
  it('retries with backoff on the simulated clock, then takes the error port', async () => {
    const { engine, store } = testEngine();
    const doc = flow(
      [
        start,
        {
          id: 'flaky',
          kind: 'script',
          config: { code: 'throw new Error("boom " + attempt)' },
          retry: { maxAttempts: 3, delayMs: 100, backoff: 2 },
        },
        { id: 'handled', kind: 'end', config: { output: 'steps.flaky.error' } },
      ],
      edges('start>flaky', 'flaky:error>handled'),
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.status).toBe('completed');
    expect(outcome.output).toMatchObject({ code: 'SCRIPT_FAILED', message: expect.stringContaining('boom 3') });
    const retries = (await store.events('r1')).filter((e) => e.type === 'node.retrying');
    expect(retries.map((e) => e.data?.['delayMs'])).toEqual([100, 200]);
    const events = await store.events('r1');
    const at = (seq: number | undefined) => Date.parse(events.find((e) => e.seq === seq)?.at ?? '');
    const failed = (await store.events('r1')).filter((e) => e.type === 'node.failed');
    expect(failed.map((e) => e.data?.['willRetry'])).toEqual([true, true, false]);
    expect(at(failed[1]?.seq) - at(failed[0]?.seq)).toBe(100);
    expect(at(failed[2]?.seq) - at(failed[1]?.seq)).toBe(200);
  });

  it('fails the run when a task fails without an error edge', async () => {
    const { engine } = testEngine();
    const doc = flow(
      [start, { id: 's', kind: 'script', config: { code: 'throw new Error("nope")' } }],
      edges('start>s'),
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toMatch(/^node s: .*nope/);
  });

  it('times out a slow http task and retries it', async () => {
    const calls: string[] = [];
    const { engine } = testEngine({
      fetch: (_url, init) => {
        calls.push(String(init.headers?.['Idempotency-Key']));
        return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    const doc = flow(
      [
        start,
        {
          id: 'call',
          kind: 'http',
          config: { method: 'GET', url: 'http://example.test/x' },
          timeoutMs: 500,
          retry: { maxAttempts: 2, delayMs: 10 },
        },
      ],
      edges('start>call'),
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'TIMEOUT' });
    // A retry of one entry sends the same idempotency key (DESIGN §4: RUNID:NODEID:ENTRY).
    expect(calls).toEqual(['r1:call:1', 'r1:call:1']);
  });
});

describe('engine: saga compensation', () => {
  it('runs compensations of completed nodes in reverse completion order', async () => {
    const { engine, store } = testEngine();
    const doc = flow(
      [
        start,
        { id: 'book', kind: 'log', config: { message: 'book' } },
        { id: 'charge', kind: 'transform', config: { output: '1' }, compensation: 'refund' },
        { id: 'ship', kind: 'transform', config: { output: '2' }, compensation: 'unship' },
        { id: 'boom', kind: 'fail', config: { message: 'out of stock' } },
        { id: 'refund', kind: 'log', config: { message: 'refund' } },
        { id: 'unship', kind: 'log', config: { message: 'unship' } },
      ],
      edges('start>book', 'book>charge', 'charge>ship', 'ship>boom'),
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.status).toBe('failed');
    expect((await trace(store, 'r1')).slice(-5)).toEqual([
      'node.entered:unship',
      'node.completed:unship',
      'node.entered:refund',
      'node.completed:refund',
      'run.failed',
    ]);
    const entered = (await store.events('r1')).filter((e) => e.type === 'node.entered').map((e) => e.node);
    expect(entered.slice(-2)).toEqual(['unship', 'refund']);
    const last = (await store.events('r1')).at(-1);
    expect(last).toMatchObject({ type: 'run.failed', data: { compensated: true, error: { message: 'out of stock' } } });
  });
});

describe('engine: approvals, signals, timers', () => {
  const approvalFlow = flow(
    [
      start,
      {
        id: 'boss',
        kind: 'approval',
        config: { title: 'Approve {{ input.amount }}?', approvers: ['ana', 'ben'], minApprovals: 2 },
      },
      { id: 'yes', kind: 'end', config: { output: "'yes'" } },
      { id: 'no', kind: 'end', config: { output: "'no: ' & steps.boss.output.comment" } },
    ],
    edges('start>boss', 'boss:approved>yes', 'boss:rejected>no'),
  );

  it('waits for approvals, checks approvers and needs minApprovals', async () => {
    const { engine, store } = testEngine();
    const first = await engine.start(approvalFlow, { amount: 5 });
    expect(first).toMatchObject({ status: 'waiting', waitingOn: [{ node: 'boss', kind: 'approval' }] });
    const requested = (await store.events('r1')).find((e) => e.type === 'approval.requested');
    expect(requested?.data).toMatchObject({ title: 'Approve 5?', approvers: ['ana', 'ben'] });
    const before = (await store.events('r1')).length;
    await expect(engine.approve('r1', 'boss', { decision: 'approved', by: 'eve' })).rejects.toMatchObject({
      code: 'APPROVER_NOT_ALLOWED',
    });
    expect(await store.events('r1')).toHaveLength(before);
    expect((await engine.approve('r1', 'boss', { decision: 'approved', by: 'ana' })).status).toBe('waiting');
    await expect(engine.approve('r1', 'boss', { decision: 'approved', by: 'ana' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await engine.approve('r1', 'boss', { decision: 'approved', by: 'ben' })).toMatchObject({
      status: 'completed',
      output: 'yes',
    });
    await expect(engine.approve('r1', 'boss', { decision: 'approved', by: 'ben' })).rejects.toMatchObject({
      code: 'RUN_FINISHED',
    });
  });

  it('lets members of a group:NAME approver decide, recording their own name', async () => {
    const { engine, store } = testEngine();
    const doc = flow(
      [
        start,
        { id: 'boss', kind: 'approval', config: { title: 't', approvers: ['group:finance'] } },
        { id: 'yes', kind: 'end', config: { output: 'steps.boss.output.by' } },
      ],
      edges('start>boss', 'boss:approved>yes'),
    );
    await engine.start(doc, {});
    await expect(
      engine.approve('r1', 'boss', { decision: 'approved', by: 'finance', groups: ['legal'] }),
    ).rejects.toMatchObject({ code: 'APPROVER_NOT_ALLOWED', message: expect.stringContaining('group:finance') });
    expect(await engine.approve('r1', 'boss', { decision: 'approved', by: 'ana', groups: ['finance'] })).toMatchObject({
      status: 'completed',
      output: 'ana',
    });
    expect((await store.events('r1')).find((e) => e.type === 'approval.decided')?.data).toEqual({
      decision: 'approved',
      by: 'ana',
      comment: null,
    });
  });

  it('a rejection takes the rejected port with the comment', async () => {
    const { engine } = testEngine();
    await engine.start(approvalFlow, { amount: 5 });
    expect(await engine.approve('r1', 'boss', { decision: 'rejected', by: 'ben', comment: 'too much' })).toMatchObject({
      output: 'no: too much',
    });
  });

  it('an approval times out through its timeout port', async () => {
    const { engine, clock } = testEngine({ maxInlineWaitMs: 0 });
    const doc = flow(
      [
        start,
        { id: 'boss', kind: 'approval', config: { title: 't' }, timeoutMs: 1000 },
        { id: 'late', kind: 'end', config: { output: "'late'" } },
      ],
      edges('start>boss', 'boss:timeout>late'),
    );
    expect((await engine.start(doc, {})).status).toBe('waiting');
    clock.advance(999);
    expect((await engine.resume('r1')).status).toBe('waiting');
    clock.advance(1);
    expect(await engine.resume('r1')).toMatchObject({ status: 'completed', output: 'late' });
  });

  it('an approval without a timeout edge fails with TIMEOUT when its timeout falls due', async () => {
    const { engine, clock } = testEngine({ maxInlineWaitMs: 0 });
    const doc = flow(
      [start, { id: 'boss', kind: 'approval', config: { title: 't' }, timeoutMs: 1000 }],
      edges('start>boss'),
    );
    await engine.start(doc, {});
    clock.advance(1000);
    expect((await engine.resume('r1')).error).toEqual({
      code: 'TIMEOUT',
      message: 'node boss: approval timed out after 1000 ms and has no "timeout" edge',
    });
  });

  it('a timeout recorded just before a crash is settled on resume, without firing again', async () => {
    const doc = flow(
      [
        start,
        { id: 'boss', kind: 'approval', config: { title: 't' }, timeoutMs: 1000 },
        { id: 'late', kind: 'end', config: { output: "'late'" } },
      ],
      edges('start>boss', 'boss:timeout>late'),
    );
    const first = testEngine({ maxInlineWaitMs: 0 });
    await first.engine.start(doc, {});
    first.clock.advance(1000);
    await first.engine.resume('r1');
    const events = await first.store.events('r1');
    const fired = events.findIndex((e) => e.type === 'timer.fired');
    const record = await first.store.getRun('r1');
    if (record === undefined) throw new Error('no run r1');
    const { engine, store, clock } = testEngine({ maxInlineWaitMs: 0 });
    clock.advance(1000);
    await store.createRun({ ...record, status: 'running' }, doc, events.slice(0, fired + 1));
    expect((await engine.resumeAll()).outcomes[0]).toMatchObject({ status: 'completed', output: 'late' });
    expect((await trace(store, 'r1')).filter((t) => t.startsWith('timer.fired'))).toHaveLength(1);
  });

  it('a condition resumed after a crash decides on the log up to its entry, not on siblings done since', async () => {
    const doc = flow(
      [
        start,
        { id: 'fork', kind: 'parallel' },
        { id: 'b', kind: 'transform', config: { output: "'b done'" } },
        { id: 'cond', kind: 'condition', config: { when: '$exists(steps.b)' } },
        { id: 'yes', kind: 'log', config: { message: 'saw b' } },
        { id: 'no', kind: 'log', config: { message: 'before b' } },
        { id: 'join', kind: 'join' },
      ],
      edges('start>fork', 'fork>b', 'fork>cond', 'cond:true>yes', 'cond:false>no', 'b>join', 'yes>join', 'no>join'),
    );
    const live = testEngine();
    await live.engine.start(doc, {});
    const events = await live.store.events('r1');
    const condEntered = events.findIndex((e) => e.type === 'node.entered' && e.node === 'cond');
    const bDone = events.findIndex((e) => e.type === 'node.completed' && e.node === 'b');
    const condDone = events.findIndex((e) => e.type === 'node.completed' && e.node === 'cond');
    expect(events[condDone]?.data?.['port']).toBe('false');
    // Crash after b completed, before the condition's outcome was recorded.
    const cut = Math.max(condEntered, bDone) + 1;
    expect(cut).toBeLessThanOrEqual(condDone);
    const record = await live.store.getRun('r1');
    if (record === undefined) throw new Error('no run r1');
    const { engine, store } = testEngine();
    await store.createRun({ ...record, status: 'running' }, doc, events.slice(0, cut));
    await engine.resumeAll();
    const resumed = await store.events('r1');
    expect(resumed.find((e) => e.type === 'node.completed' && e.node === 'cond')?.data?.['port']).toBe('false');
  });

  it('a wait node continues with the first of its signals and its data', async () => {
    const { engine, store } = testEngine();
    const doc = flow(
      [
        start,
        { id: 'w', kind: 'wait', config: { events: ['paid', 'cancelled'] } },
        { id: 'ok', kind: 'end', config: { output: 'steps.w.output.amount' } },
      ],
      edges('start>w', 'w:paid>ok'),
    );
    expect((await engine.start(doc, {})).waitingOn).toEqual([{ node: 'w', kind: 'wait' }]);
    await expect(engine.signal('r1', 'shipped')).rejects.toMatchObject({ code: 'NODE_NOT_WAITING' });
    expect(await engine.signal('r1', 'paid', { amount: 7 })).toMatchObject({ status: 'completed', output: 7 });
    expect(await trace(store, 'r1')).toContain('signal.received:w');
    expect(await trace(store, 'r1')).toContain('run.resumed');
  });

  it('delays longer than the inline wait leave the run waiting until resumed after the due time', async () => {
    const { engine, clock, store } = testEngine({ maxInlineWaitMs: 0, autoAdvance: false });
    const doc = flow(
      [start, { id: 'nap', kind: 'delay', config: { ms: 'input.ms' } }, { id: 'done', kind: 'end' }],
      edges('start>nap', 'nap>done'),
    );
    const outcome = await engine.start(doc, { ms: 5000 });
    expect(outcome.waitingOn).toEqual([{ node: 'nap', kind: 'delay', dueAt: '2026-01-01T00:00:05.000Z' }]);
    clock.advance(5000);
    expect((await engine.resumeAll()).outcomes[0]?.status).toBe('completed');
    expect(await trace(store, 'r1')).toContain('timer.fired:nap');
  });

  it('cancel ends a waiting run', async () => {
    const { engine } = testEngine();
    await engine.start(approvalFlow, { amount: 1 });
    expect((await engine.cancel('r1', 'no longer needed')).status).toBe('cancelled');
  });
});

describe('engine: subflows and forEach', () => {
  const child = flow([start, { id: 'sq', kind: 'end', config: { output: 'input * input' } }], edges('start>sq'), {
    id: 'square',
  });

  it('forEach runs the body per item with concurrency and keeps item order', async () => {
    const { engine, store } = testEngine();
    const doc = flow(
      [
        start,
        { id: 'each', kind: 'forEach', config: { items: 'input.xs', workflow: 'square', concurrency: 2 } },
        { id: 'done', kind: 'end', config: { output: 'steps.each.output' } },
      ],
      edges('start>each', 'each>done'),
      { subflows: [child] },
    );
    expect((await engine.start(doc, { xs: [1, 2, 3, 4] })).output).toEqual([1, 4, 9, 16]);
    expect(await store.listRuns({ parentRun: 'r1' })).toHaveLength(4);
  });

  it('a subflow that waits makes its parent wait; approving continues both', async () => {
    const { engine, store } = testEngine();
    const approve = flow(
      [
        start,
        { id: 'ok', kind: 'approval', config: { title: 'ok?' } },
        { id: 'fin', kind: 'end', config: { output: "'child done'" } },
      ],
      edges('start>ok', 'ok:approved>fin'),
      { id: 'asker' },
    );
    const doc = flow(
      [
        start,
        { id: 'sub', kind: 'subflow', config: { workflow: 'asker' } },
        { id: 'done', kind: 'end', config: { output: 'steps.sub.output' } },
      ],
      edges('start>sub', 'sub>done'),
      { subflows: [approve] },
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.status).toBe('waiting');
    expect(outcome.waitingOn[0]).toMatchObject({ node: 'sub', kind: 'subflow' });
    expect(await engine.approve('r1', 'ok', { decision: 'approved', by: 'x' })).toMatchObject({
      status: 'completed',
      output: 'child done',
    });
    expect((await store.getRun('r1'))?.status).toBe('completed');
  });

  it('recursion through the document itself is bounded', async () => {
    const { engine } = testEngine();
    const doc = flow(
      [start, { id: 'again', kind: 'subflow', config: { workflow: 'test-flow' } }],
      edges('start>again'),
    );
    const outcome = await engine.start(doc, {});
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toMatch(/deeper than 100/);
  });
});

describe('history fold', () => {
  it('rebuilds after every seq exactly the state the live run had', async () => {
    const states: string[] = [];
    let fold: ReturnType<typeof foldEvents> | undefined;
    const { engine, store } = testEngine({
      onEvents: (runId, events) => {
        for (const e of events) {
          fold = foldEvents(runId, [e], graphOf(doc), fold);
          states.push(JSON.stringify(toRunState(fold)));
        }
      },
    });
    const doc = flow(
      [
        start,
        { id: 'split', kind: 'parallel' },
        { id: 'a', kind: 'transform', config: { assign: { x: '1' } } },
        { id: 'b', kind: 'transform', config: { assign: { y: '2' } } },
        { id: 'meet', kind: 'join' },
        { id: 'done', kind: 'end', config: { output: 'vars.x + vars.y' } },
      ],
      edges('start>split', 'split>a', 'split>b', 'a>meet', 'b>meet', 'meet>done'),
    );
    expect((await engine.start(doc, {})).output).toBe(3);
    const events = await store.events('r1');
    for (const e of events) {
      expect(JSON.stringify(toRunState(foldEvents('r1', events.slice(0, e.seq), graphOf(doc))))).toBe(
        states[e.seq - 1],
      );
    }
    const bEntered = events.find((e) => e.type === 'node.entered' && e.node === 'b')?.seq ?? 0;
    const mid = toRunState(
      foldEvents(
        'r1',
        events.filter((e) => e.seq <= bEntered),
        graphOf(doc),
      ),
    );
    expect(mid.active.sort()).toEqual(['a', 'b']);
  });
});
