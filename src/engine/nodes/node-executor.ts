import type { NodeKind, NodeOfKind, WaitingOn, WorkflowEdge } from '#shared';
import type { ExprEnv, ExprScope } from '../expr/index.js';
import type { EnginePorts } from '../ports.js';

/** Starts or continues the child runs of a subflow/forEach node. */
export interface ChildRuns {
  /**
   * Runs (or, after a restart, continues) the child run `childId` of `workflowId` until it
   * ends or waits. The same `childId` always means the same child run.
   */
  run(request: {
    childId: string;
    node: string;
    workflowId: string;
    input: unknown;
    item?: unknown;
    index?: number;
  }): Promise<ChildOutcome>;
}

export type ChildOutcome =
  | { status: 'completed'; output: unknown }
  | { status: 'failed'; error: { code: string; message: string } }
  | { status: 'waiting'; runId: string }
  | { status: 'cancelled'; runId: string };

export interface ExecContext<K extends NodeKind = NodeKind> {
  node: NodeOfKind<K>;
  runId: string;
  /** History seq at which this execution's node was entered (unique per execution). */
  enteredSeq: number;
  attempt: number;
  scope: ExprScope;
  env: ExprEnv;
  /** Aborted when the node times out or the run no longer needs it. */
  signal: AbortSignal;
  ports: Pick<EnginePorts, 'fetch' | 'logger' | 'scripts'>;
  /** `RUNID:NODEID:ENTRY` (DESIGN §4): the same for every retry of one entry of the node. */
  idempotencyKey: string;
  /** Joins: the last node of each branch that arrived, in arrival order. */
  arrivals: readonly string[];
  children: ChildRuns;
  /** The node's outgoing edges (parallel branches read their `when`). */
  outgoing: readonly WorkflowEdge[];
  /** Evaluates an expression field; errors name the field. */
  evaluate(field: string, source: string): Promise<unknown>;
  /** Renders a template field; errors name the field. */
  render(field: string, template: string): Promise<string>;
}

/** What an execution produced: an output (and the port to leave by), or a wait on child runs. */
export type ExecResult =
  | { output: unknown; port?: string; vars?: Record<string, unknown>; branches?: string[] }
  | { waitingOn: Omit<WaitingOn, 'node'> };
