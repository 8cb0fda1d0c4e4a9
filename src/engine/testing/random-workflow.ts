import type { RetryPolicy, Workflow, WorkflowEdge, WorkflowNode } from '#shared';
import { seededRandom } from '../expr/seeded-random.js';

/**
 * Random structured workflows for property tests (the agreement test): valid format-1
 * documents built from the pieces a designer draws — task sequences, conditions and switches
 * on `input`/`vars`, parallel…join blocks (nested, join modes all/first/count, `when` edges),
 * bounded loops, http tasks with retries and `error` edges, approvals and waits (some with
 * timeouts), delays, end/fail nodes and saga compensations. Every choice comes from a seeded
 * PRNG, so a seed names one workflow for good.
 *
 * http nodes call `http://svc.test/NODE?fail=N`: a test fetch fails attempts 1..N of that
 * URL (`httpFailures`), so retries and error edges are deterministic.
 */

/** A seeded PRNG with the few draws the generator and the tests need. */
export class Rng {
  private readonly next: () => number;

  constructor(seed: string) {
    this.next = seededRandom(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in lo..hi (both included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/** The input every generated workflow reads (`input.x`, `input.kind`, `input.flag`). */
export interface RandomInput {
  x: number;
  kind: 'a' | 'b' | 'c';
  flag: boolean;
}

export function randomInput(rng: Rng): RandomInput {
  return { x: rng.int(0, 9), kind: rng.pick(['a', 'b', 'c'] as const), flag: rng.chance(0.5) };
}

/** How many attempts of a generated http node's URL fail (its `fail` query parameter). */
export function httpFailures(url: string): number {
  const match = /[?&]fail=(\d+)/.exec(url);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

/** Approval timeouts: one the engine waits out in-process, one that leaves the run waiting. */
export const SHORT_TIMEOUT_MS = 500;
export const LONG_TIMEOUT_MS = 120_000;

/** Where a fragment's control leaves it: a port of a node, not yet connected. */
interface Exit {
  from: string;
  port?: string;
}

interface Fragment {
  entry: string;
  exits: Exit[];
}

interface Ctx {
  /** Parallel nesting depth. */
  depth: number;
  loops: number;
  /** Whether the fragment may end the run (end/fail) instead of leaving by an exit. */
  terminal: boolean;
}

const MAX_DEPTH = 2;
const MAX_LOOPS = 2;

class Builder {
  readonly nodes: WorkflowNode[] = [];
  readonly edges: WorkflowEdge[] = [];
  private counter = 0;
  private loopCounter = 0;

  constructor(
    private readonly rng: Rng,
    private budget: number,
  ) {}

  get remaining(): number {
    return this.budget;
  }

  id(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  add(node: WorkflowNode): string {
    this.nodes.push(node);
    this.budget -= 1;
    return node.id;
  }

  connect(exits: readonly Exit[], to: string, when?: string): void {
    for (const exit of exits) {
      const edge: WorkflowEdge = { from: exit.from, to };
      if (exit.port !== undefined && exit.port !== 'out') edge.port = exit.port;
      if (when !== undefined) edge.when = when;
      this.edges.push(edge);
    }
  }

  /** Pieces chained one after another until the budget or the run's path ends. */
  sequence(ctx: Ctx, maxPieces: number): Fragment {
    const first = this.piece(ctx);
    let exits = first.exits;
    for (let i = 1; i < maxPieces && exits.length > 0 && this.budget > 0 && this.rng.chance(0.7); i++) {
      const next = this.piece(ctx);
      this.connect(exits, next.entry);
      exits = next.exits;
    }
    return { entry: first.entry, exits };
  }

  private piece(ctx: Ctx): Fragment {
    const { rng } = this;
    const roll = rng.float();
    const room = this.budget;
    if (room >= 5 && ctx.depth < MAX_DEPTH && roll < 0.2) return this.parallel(ctx);
    if (room >= 4 && ctx.loops < MAX_LOOPS && roll < 0.32) return this.loop(ctx);
    if (room >= 2 && roll < 0.42) return this.condition(ctx);
    if (room >= 3 && roll < 0.48) return this.switchPiece(ctx);
    if (roll < 0.56) return this.approval(ctx);
    if (roll < 0.62) return this.wait(ctx);
    if (ctx.terminal && roll < 0.65) return this.terminal();
    return this.task(ctx);
  }

  /** An end (usually) or fail node. */
  terminal(): Fragment {
    if (this.rng.chance(0.7)) {
      const output = this.rng.chance(0.5) ? 'vars.acc' : "{ 'x': input.x }";
      return { entry: this.add({ id: this.id('end'), kind: 'end', config: { output } }), exits: [] };
    }
    const message = 'gave up at {{ vars.acc }}';
    return { entry: this.add({ id: this.id('fail'), kind: 'fail', config: { message } }), exits: [] };
  }

  task(ctx: Ctx): Fragment {
    const { rng } = this;
    const roll = rng.float();
    if (roll < 0.35) {
      const id = this.add({
        id: this.id('t'),
        kind: 'transform',
        config: { output: `vars.acc + ${rng.int(1, 3)}`, assign: { acc: `(vars.acc + ${rng.int(1, 5)}) % 17` } },
        ...this.compensation(),
      });
      return { entry: id, exits: [{ from: id }] };
    }
    if (roll < 0.5) {
      const id = this.add({ id: this.id('log'), kind: 'log', config: { message: 'acc is {{ vars.acc }}' } });
      return { entry: id, exits: [{ from: id }] };
    }
    if (roll < 0.62) {
      const id = this.add({ id: this.id('d'), kind: 'delay', config: { ms: rng.int(1, 50) } });
      return { entry: id, exits: [{ from: id }] };
    }
    // Scripts run in QuickJS: far slower than the rest, so rare.
    if (roll < 0.645) {
      const id = this.add({
        id: this.id('js'),
        kind: 'script',
        config: {
          code: rng.chance(0.3) ? "throw new Error('script says no');" : 'return (vars.acc || 0) * 2 + attempt;',
        },
      });
      return this.handleError(ctx, id);
    }
    return this.http(ctx);
  }

  private http(ctx: Ctx): Fragment {
    const { rng } = this;
    const id = this.id('h');
    const fail = rng.pick([0, 0, 0, 1, 2, 9]);
    const retry: RetryPolicy | undefined = rng.chance(0.5)
      ? { maxAttempts: rng.int(2, 3), delayMs: rng.int(1, 20) }
      : undefined;
    this.add({
      id,
      kind: 'http',
      config: { method: 'GET', url: `http://svc.test/${id}?fail=${fail}` },
      ...(retry === undefined ? {} : { retry }),
      ...this.compensation(),
    });
    return this.handleError(ctx, id);
  }

  /** A task's `error` edge, sometimes: to a recovery step that rejoins, to a fail node, or straight on. */
  private handleError(ctx: Ctx, id: string): Fragment {
    const { rng } = this;
    const exits: Exit[] = [{ from: id }];
    const roll = rng.float();
    if (roll < 0.35 && this.budget > 0) {
      const recover = this.add({
        id: this.id('rec'),
        kind: 'transform',
        config: { assign: { acc: '0' } },
      });
      this.connect([{ from: id, port: 'error' }], recover);
      exits.push({ from: recover });
    } else if (roll < 0.5) {
      exits.push({ from: id, port: 'error' });
    } else if (roll < 0.6 && ctx.terminal) {
      const end = this.terminal();
      this.connect([{ from: id, port: 'error' }], end.entry);
    }
    return { entry: id, exits };
  }

  /** A compensation-only node that undoes this one (saga), sometimes. */
  private compensation(): { compensation?: string } {
    const { rng } = this;
    if (!rng.chance(0.25)) return {};
    const id = this.id('undo');
    if (rng.chance(0.25))
      this.add({ id, kind: 'http', config: { method: 'POST', url: `http://svc.test/${id}?fail=${rng.pick([0, 9])}` } });
    else if (rng.chance(0.5)) this.add({ id, kind: 'log', config: { message: 'undo at {{ vars.acc }}' } });
    else this.add({ id, kind: 'transform', config: { assign: { undone: `${this.counter}` } } });
    return { compensation: id };
  }

  /** Each port either runs a short fragment or goes straight on. */
  private branchPorts(ctx: Ctx, node: string, ports: readonly string[]): Exit[] {
    const exits: Exit[] = [];
    for (const port of ports) {
      if (this.budget > 1 && this.rng.chance(0.5)) {
        const inner = this.sequence(ctx, 2);
        this.connect([{ from: node, port }], inner.entry);
        exits.push(...inner.exits);
      } else exits.push({ from: node, port });
    }
    return exits;
  }

  private condition(ctx: Ctx): Fragment {
    const { rng } = this;
    const when = rng.pick([
      `input.x > ${rng.int(0, 9)}`,
      'input.flag',
      `vars.acc % 2 = 0`,
      `vars.acc > ${rng.int(0, 9)}`,
    ]);
    const id = this.add({ id: this.id('c'), kind: 'condition', config: { when } });
    // A condition inside a path that must go on keeps one port going on.
    const exits = this.branchPorts(ctx, id, ['true']);
    exits.push(...this.branchPorts({ ...ctx, terminal: ctx.terminal || exits.length > 0 }, id, ['false']));
    return { entry: id, exits };
  }

  private switchPiece(ctx: Ctx): Fragment {
    const id = this.add({
      id: this.id('sw'),
      kind: 'switch',
      config: {
        cases: [
          { port: 'a', when: "input.kind = 'a'" },
          { port: 'b', when: `vars.acc > ${this.rng.int(0, 12)}` },
        ],
      },
    });
    return { entry: id, exits: this.branchPorts({ ...ctx, terminal: ctx.terminal }, id, ['a', 'b', 'default']) };
  }

  private approval(ctx: Ctx): Fragment {
    const { rng } = this;
    const id = this.id('ok');
    const two = rng.chance(0.25);
    const timeoutMs = rng.chance(0.35) ? rng.pick([SHORT_TIMEOUT_MS, LONG_TIMEOUT_MS]) : undefined;
    this.add({
      id,
      kind: 'approval',
      config: {
        title: 'Approve {{ input.x }}?',
        ...(two ? { approvers: ['ana', 'bob'], minApprovals: 2 } : {}),
      },
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    const exits: Exit[] = [{ from: id, port: 'approved' }];
    const rejected = this.outcome(ctx, id, 'rejected');
    exits.push(...rejected);
    if (timeoutMs !== undefined && rng.chance(0.7)) exits.push(...this.outcome(ctx, id, 'timeout'));
    return { entry: id, exits };
  }

  private wait(ctx: Ctx): Fragment {
    const { rng } = this;
    const id = this.id('w');
    const events = rng.chance(0.5) ? ['go'] : ['go', 'stop'];
    const timeoutMs = rng.chance(0.3) ? rng.pick([SHORT_TIMEOUT_MS, LONG_TIMEOUT_MS]) : undefined;
    this.add({ id, kind: 'wait', config: { events }, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    const exits: Exit[] = [{ from: id, port: 'go' }];
    if (events.includes('stop')) exits.push(...this.outcome(ctx, id, 'stop'));
    if (timeoutMs !== undefined && rng.chance(0.7)) exits.push(...this.outcome(ctx, id, 'timeout'));
    return { entry: id, exits };
  }

  /** A secondary outcome (rejected, timeout, another event): a fail/end node, a short detour, or on. */
  private outcome(ctx: Ctx, node: string, port: string): Exit[] {
    const roll = this.rng.float();
    if (ctx.terminal && roll < 0.25) {
      this.connect([{ from: node, port }], this.terminal().entry);
      return [];
    }
    if (roll < 0.5 && this.budget > 0) {
      const inner = this.task(ctx);
      this.connect([{ from: node, port }], inner.entry);
      return inner.exits;
    }
    return [{ from: node, port }];
  }

  private parallel(ctx: Ctx): Fragment {
    const { rng } = this;
    const parallel = this.add({ id: this.id('p'), kind: 'parallel' });
    const join = this.id('j');
    const count = rng.int(2, 3);
    const roll = rng.float();
    const mode = roll < 0.5 ? 'all' : roll < 0.8 ? 'first' : 'count';
    this.add({
      id: join,
      kind: 'join',
      config: mode === 'all' ? {} : mode === 'first' ? { mode } : { mode, count: rng.int(1, count) },
    });
    const inner: Ctx = { ...ctx, depth: ctx.depth + 1 };
    for (let b = 0; b < count; b++) {
      const when = rng.chance(0.25) ? `input.x > ${rng.int(0, 9)}` : undefined;
      const shape = rng.float();
      if (b > 0 && shape < 0.1) {
        // A branch straight to the join.
        this.connect([{ from: parallel }], join, when);
      } else if (b > 0 && shape < 0.2 && ctx.terminal) {
        this.connect([{ from: parallel }], this.terminal().entry, when);
      } else {
        // The first branch always reaches the join, so the block has one.
        const branch = this.sequence({ ...inner, terminal: b > 0 && ctx.terminal }, 3);
        this.connect([{ from: parallel }], branch.entry, when);
        if (branch.exits.length > 0 && rng.chance(0.85)) this.connect(branch.exits, join);
        else if (b === 0 && branch.exits.length > 0) this.connect(branch.exits, join);
        // Otherwise the branch's last nodes have no outgoing edge: the branch ends there.
      }
    }
    return { entry: parallel, exits: [{ from: join }] };
  }

  private loop(ctx: Ctx): Fragment {
    const { rng } = this;
    this.loopCounter += 1;
    const counter = `i${this.loopCounter}`;
    const init = this.add({ id: this.id('init'), kind: 'transform', config: { assign: { [counter]: '0' } } });
    const body = this.sequence({ ...ctx, loops: ctx.loops + 1, terminal: false }, 3);
    const step = this.add({
      id: this.id('inc'),
      kind: 'transform',
      config: { assign: { [counter]: `vars.${counter} + 1` } },
    });
    const test = this.add({
      id: this.id('more'),
      kind: 'condition',
      config: { when: `vars.${counter} < ${rng.int(1, 3)}` },
    });
    this.connect([{ from: init }], body.entry);
    this.connect(body.exits, step);
    this.connect([{ from: step }], test);
    this.connect([{ from: test, port: 'true' }], body.entry);
    return { entry: init, exits: [{ from: test, port: 'false' }] };
  }
}

/** Node counts of the generated workflows (compensation nodes included). */
export const MIN_NODES = 5;
export const MAX_NODES = 25;

/**
 * A random structured workflow of MIN_NODES..MAX_NODES nodes (drafts outside that range are
 * drawn again from the same generator, so a seed still names one workflow).
 *
 * @example
 * const rng = new Rng('seed:1');
 * const workflow = randomWorkflow(rng, 'gen-1');
 * const input = randomInput(rng);
 */
export function randomWorkflow(rng: Rng, id = 'generated'): Workflow {
  for (;;) {
    const workflow = draft(rng, id);
    if (workflow.nodes.length >= MIN_NODES && workflow.nodes.length <= MAX_NODES) return workflow;
  }
}

function draft(rng: Rng, id: string): Workflow {
  const builder = new Builder(rng, rng.int(4, 20));
  const start = builder.add({ id: 'start', kind: 'start' });
  const init = builder.add({ id: 'init', kind: 'transform', config: { assign: { acc: 'input.x' } } });
  builder.connect([{ from: start }], init);
  let exits: Exit[] = [{ from: init }];
  while (exits.length > 0 && (builder.remaining > 0 || builder.nodes.length < MIN_NODES)) {
    // The run may end here only once the workflow is big enough.
    const terminal = builder.nodes.length >= MIN_NODES - 1;
    const next = builder.sequence({ depth: 0, loops: 0, terminal }, 4);
    builder.connect(exits, next.entry);
    exits = next.exits;
  }
  if (exits.length > 0 && rng.chance(0.75)) {
    const last = rng.chance(0.85)
      ? builder.add({ id: 'done', kind: 'end', config: { output: '{ "acc": vars.acc }' } })
      : builder.add({ id: 'failed', kind: 'fail', config: { message: 'the end is a failure ({{ vars.acc }})' } });
    builder.connect(exits, last);
  }
  return {
    format: 'switchyard/workflow@1',
    id,
    name: `Generated ${id}`,
    version: 1,
    nodes: builder.nodes,
    edges: builder.edges,
  };
}
