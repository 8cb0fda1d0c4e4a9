import { describe, expect, it } from 'vitest';
import { SwitchyardError, Workflow, type WorkflowEdge, type WorkflowNode } from '#shared';
import { graphOfStored, WorkflowGraph } from './workflow-graph.js';

type NodeSpec = string | WorkflowNode;

/** `'a:transform'` → a transform node with id a; edges as `'from->to'` or `'from-port->to'`. */
function graph(nodes: NodeSpec[], edges: string[], extra: Partial<Workflow> = {}): WorkflowGraph {
  const built = nodes.map((spec): unknown => {
    if (typeof spec !== 'string') return spec;
    const [id, kind = 'transform'] = spec.split(':');
    if (kind === 'log') return { id, kind, config: { message: id } };
    if (kind === 'condition') return { id, kind, config: { when: 'true' } };
    return { id, kind };
  });
  const links = edges.map((e): WorkflowEdge => {
    const [left = '', to = ''] = e.split('->');
    const [from = '', port] = left.split('-');
    return port === undefined ? { from, to } : { from, to, port };
  });
  const doc = Workflow.parse({
    format: 'switchyard/workflow@1',
    id: 'g',
    name: 'G',
    version: 1,
    nodes: built,
    edges: links,
    ...extra,
  });
  return new WorkflowGraph(doc);
}

const sorted = (set: ReadonlySet<string> | undefined): string[] => [...(set ?? [])].sort();

describe('WorkflowGraph basics', () => {
  const g = graph(
    ['start:start', 'a', 'c:condition', 'done:end'],
    ['start->a', 'a->c', 'c-true->done', 'c-false->a', 'a-error->done'],
  );

  it('looks nodes up and throws a coded error for a missing one', () => {
    expect(g.startId).toBe('start');
    expect(g.node('a').kind).toBe('transform');
    expect(g.hasNode('zz')).toBe(false);
    expect(() => g.node('zz')).toThrow(SwitchyardError);
    expect(() => g.node('zz')).toThrow('workflow g has no node "zz"');
  });

  it('filters outgoing edges by port, with "out" as the default', () => {
    expect(g.outgoing('a').map((e) => e.to)).toEqual(['c', 'done']);
    expect(g.outgoing('a', 'out').map((e) => e.to)).toEqual(['c']);
    expect(g.outgoing('a', 'error').map((e) => e.to)).toEqual(['done']);
    expect(g.incoming('a').map((e) => e.from)).toEqual(['start', 'c']);
  });

  it('knows compensation-only nodes', () => {
    const withUndo = graph(
      ['start:start', { id: 'a', kind: 'transform', compensation: 'undo' }, 'undo:log', 'done:end'],
      ['start->a', 'a->done'],
    );
    expect(sorted(withUndo.compensationOnly)).toEqual(['undo']);
    expect(withUndo.reachable.has('undo')).toBe(false);
  });

  it('resolves workflow ids to the document or its (nested) subflows', () => {
    const inner = {
      format: 'switchyard/workflow@1' as const,
      id: 'inner',
      name: 'I',
      version: 1,
      nodes: [],
      edges: [],
    };
    const child = { ...inner, id: 'child', subflows: [inner] };
    const withSubs = graph(['start:start'], [], { subflows: [child] });
    expect(withSubs.resolveWorkflow('g')?.id).toBe('g');
    expect(withSubs.resolveWorkflow('child')?.id).toBe('child');
    expect(withSubs.resolveWorkflow('inner')?.id).toBe('inner');
    expect(withSubs.resolveWorkflow('nope')).toBeUndefined();
  });
});

describe('parallel block analysis', () => {
  it('finds a simple block', () => {
    const g = graph(
      ['start:start', 'p:parallel', 'a', 'b', 'b2', 'j:join', 'done:end'],
      ['start->p', 'p->a', 'p->b', 'b->b2', 'a->j', 'b2->j', 'j->done'],
    );
    const block = g.blockOfParallel('p');
    expect(block?.join).toBe('j');
    expect(sorted(block?.members)).toEqual(['a', 'b', 'b2']);
    expect(g.parallelOfJoin('j')).toBe('p');
    expect(g.enclosingBlock('b2')?.parallel).toBe('p');
    expect(g.enclosingBlock('done')).toBeUndefined();
    expect(g.enclosingBlock('p')).toBeUndefined();
    expect(g.branchesOf('p').map((b) => sorted(b.nodes))).toEqual([['a'], ['b', 'b2']]);
    expect(g.blockProblems).toEqual([]);
  });

  it('nests blocks: the inner block is inside the outer one', () => {
    const g = graph(
      ['start:start', 'p:parallel', 'q:parallel', 'x', 'y', 'k:join', 'after', 'z', 'j:join', 'done:end'],
      ['start->p', 'p->q', 'p->z', 'q->x', 'q->y', 'x->k', 'y->k', 'k->after', 'after->j', 'z->j', 'j->done'],
    );
    expect(g.blockOfParallel('q')?.join).toBe('k');
    expect(sorted(g.blockOfParallel('q')?.members)).toEqual(['x', 'y']);
    expect(g.blockOfParallel('p')?.join).toBe('j');
    expect(sorted(g.blockOfParallel('p')?.members)).toEqual(['after', 'k', 'q', 'x', 'y', 'z']);
    expect(g.enclosingBlock('x')?.parallel).toBe('q');
    expect(g.enclosingBlock('q')?.parallel).toBe('p');
    expect(g.enclosingBlock('k')?.parallel).toBe('p');
    expect(g.parallelOfJoin('k')).toBe('q');
    expect(g.branchesOf('p').map((b) => sorted(b.nodes))).toEqual([['after', 'q'], ['z']]);
    expect(g.blockProblems).toEqual([]);
  });

  it('lets branches stop at end or fail, or at a node without outgoing edges', () => {
    const g = graph(
      ['start:start', 'p:parallel', 'a', 'b', 'c', 'done:end', { id: 'bad', kind: 'fail', config: { message: 'x' } }],
      ['start->p', 'p->a', 'p->b', 'p->c', 'a->done', 'b->bad'],
    );
    expect(g.blockOfParallel('p')?.join).toBeUndefined();
    expect(sorted(g.blockOfParallel('p')?.members)).toEqual(['a', 'b', 'c']);
    expect(g.blockProblems).toEqual([]);
  });

  it('allows loops inside a branch', () => {
    const g = graph(
      ['start:start', 'p:parallel', 'a', 'c:condition', 'j:join', 'done:end'],
      ['start->p', 'p->a', 'a->c', 'c-false->a', 'c-true->j', 'j->done'],
    );
    expect(sorted(g.blockOfParallel('p')?.members)).toEqual(['a', 'c']);
    expect(g.blockProblems).toEqual([]);
  });

  it('allows a whole block inside a loop', () => {
    const g = graph(
      ['start:start', 'p:parallel', 'a', 'b', 'j:join', 'again:condition', 'done:end'],
      ['start->p', 'p->a', 'p->b', 'a->j', 'b->j', 'j->again', 'again-true->p', 'again-false->done'],
    );
    expect(g.blockOfParallel('p')?.join).toBe('j');
    expect(sorted(g.blockOfParallel('p')?.members)).toEqual(['a', 'b']);
    expect(g.enclosingBlock('again')).toBeUndefined();
    expect(g.blockProblems).toEqual([]);
  });

  it('rejects a branch that loops back to its own parallel', () => {
    const g = graph(
      ['start:start', 'p:parallel', 'a', 'b', 'j:join', 'done:end'],
      ['start->p', 'p->a', 'p->b', 'a->p', 'b->j', 'j->done'],
    );
    expect(g.blockProblems).toEqual([
      {
        severity: 'error',
        code: 'BLOCK_STRUCTURE',
        edge: 'a->p',
        message: 'leaves the parallel block of p without passing through its join j',
      },
    ]);
  });

  it('rejects branches that meet at different joins', () => {
    const g = graph(
      ['start:start', 'p:parallel', 'a', 'b', 'j1:join', 'j2:join', 'done:end'],
      ['start->p', 'p->a', 'p->b', 'a->j1', 'b->j2', 'j1->done', 'j2->done'],
    );
    expect(g.blockProblems).toEqual([
      {
        severity: 'error',
        code: 'BLOCK_STRUCTURE',
        node: 'p',
        message: 'branches meet at joins j1 and j2; they must meet at one join',
      },
    ]);
  });

  it('rejects an edge that leaves the block around its join', () => {
    const g = graph(
      ['start:start', 'p:parallel', 'a', 'b', 'j:join', 'after', 'done:end'],
      ['start->p', 'p->a', 'p->b', 'a->j', 'b->j', 'j->after', 'a-error->after', 'after->done'],
    );
    expect(g.blockProblems).toEqual([
      {
        severity: 'error',
        code: 'BLOCK_STRUCTURE',
        edge: 'a->after',
        message: 'leaves the parallel block of p without passing through its join j',
      },
    ]);
  });

  it('rejects a join reached without its parallel, and an edge into a branch from outside', () => {
    const g = graph(
      ['start:start', 'c:condition', 'p:parallel', 'a', 'b', 'j:join', 'done:end'],
      ['start->c', 'c-true->p', 'c-false->b', 'p->a', 'p->b', 'a->j', 'b->j', 'j->done'],
    );
    expect(g.blockProblems).toEqual([
      {
        severity: 'error',
        code: 'BLOCK_STRUCTURE',
        edge: 'c->b',
        message: 'enters the parallel block of p from outside; only p starts its branches',
      },
    ]);
    const direct = graph(
      ['start:start', 'c:condition', 'p:parallel', 'a', 'b', 'j:join', 'done:end'],
      ['start->c', 'c-true->p', 'c-false->j', 'p->a', 'p->b', 'a->j', 'b->j', 'j->done'],
    );
    expect(direct.blockProblems).toEqual([
      {
        severity: 'error',
        code: 'BLOCK_STRUCTURE',
        edge: 'c->j',
        message: 'reaches join j without passing through its parallel p',
      },
    ]);
  });

  it('rejects branches that merge before the join', () => {
    const g = graph(
      ['start:start', 'p:parallel', 'a', 'b', 'm', 'j:join', 'done:end'],
      ['start->p', 'p->a', 'p->b', 'a->m', 'b->m', 'm->j', 'j->done'],
    );
    expect(g.blockProblems).toEqual([
      {
        severity: 'error',
        code: 'BLOCK_STRUCTURE',
        node: 'm',
        message: 'is on two branches of parallel p; branches may only meet at the join j',
      },
    ]);
  });

  it('rejects a join without a parallel and a join shared by two parallels', () => {
    const lone = graph(['start:start', 'j:join', 'done:end'], ['start->j', 'j->done']);
    expect(lone.blockProblems).toEqual([
      { severity: 'error', code: 'BLOCK_STRUCTURE', node: 'j', message: 'is not the join of any parallel node' },
    ]);
    const shared = graph(
      ['start:start', 'c:condition', 'p:parallel', 'q:parallel', 'a', 'b', 'j:join', 'done:end'],
      ['start->c', 'c-true->p', 'c-false->q', 'p->a', 'q->b', 'a->j', 'b->j', 'j->done'],
    );
    expect(shared.blockProblems).toContainEqual({
      severity: 'error',
      code: 'BLOCK_STRUCTURE',
      node: 'j',
      message: 'closes the parallel blocks of p and q; each parallel node needs its own join',
    });
  });
});

describe('graphOfStored', () => {
  it('gives documents read back from a store one graph per content', () => {
    const doc = graph(['start:start', 'a'], ['start->a']).doc;
    const copy = structuredClone(doc);
    expect(graphOfStored(copy)).toBe(graphOfStored(doc));
    expect(graphOfStored({ ...copy, version: 2 })).not.toBe(graphOfStored(doc));
  });
});
