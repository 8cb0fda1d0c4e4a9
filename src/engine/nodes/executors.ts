import type { NodeKind } from '#shared';
import { executeForEach, executeSubflow } from './child-runs.js';
import { executeHttp } from './http.js';
import { executeJoin } from './join.js';
import type { ExecContext, ExecResult } from './node-executor.js';
import { executeParallel } from './parallel.js';
import { executeScript } from './script.js';
import { executeSet } from './set.js';
import {
  executeCondition,
  executeEnd,
  executeFail,
  executeLog,
  executeStart,
  executeSwitch,
  executeTransform,
} from './simple-executors.js';

type Executor<K extends NodeKind> = (ctx: ExecContext<K>) => Promise<ExecResult>;

/**
 * The executor of every kind; `null` for kinds the runtime drives itself: approval and wait
 * (outside input), delay (timers). A kind missing here fails to compile.
 */
const EXECUTORS: { readonly [K in NodeKind]: Executor<K> | null } = {
  start: executeStart,
  end: executeEnd,
  fail: executeFail,
  transform: executeTransform,
  set: executeSet,
  script: executeScript,
  http: executeHttp,
  delay: null,
  log: executeLog,
  condition: executeCondition,
  switch: executeSwitch,
  parallel: executeParallel,
  join: executeJoin,
  approval: null,
  wait: null,
  subflow: executeSubflow,
  forEach: executeForEach,
};

function executorOf<K extends NodeKind>(kind: K): Executor<K> | null {
  return EXECUTORS[kind];
}

/** Runs the executor of the node's kind, or returns undefined for kinds the runtime drives itself. */
export function execute(ctx: ExecContext): Promise<ExecResult> | undefined {
  return executorOf(ctx.node.kind)?.(ctx);
}

/** Kinds that `execute` runs. */
export function isExecutable(kind: NodeKind): boolean {
  return EXECUTORS[kind] !== null;
}
