import { executeForEach, executeSubflow } from './child-runs.js';
import { executeHttp } from './http.js';
import { executeJoin } from './join.js';
import type { ExecContext, ExecResult } from './node-executor.js';
import { executeParallel } from './parallel.js';
import { executeScript } from './script.js';
import {
  executeCondition,
  executeEnd,
  executeFail,
  executeLog,
  executeStart,
  executeSwitch,
  executeTransform,
} from './simple-executors.js';

/**
 * Runs the executor of the node's kind, or returns undefined for kinds the runtime drives
 * itself: approval and wait (outside input), delay (timers).
 */
export function execute(ctx: ExecContext): Promise<ExecResult> | undefined {
  const { node } = ctx;
  switch (node.kind) {
    case 'start':
      return executeStart({ ...ctx, node });
    case 'end':
      return executeEnd({ ...ctx, node });
    case 'fail':
      return executeFail({ ...ctx, node });
    case 'log':
      return executeLog({ ...ctx, node });
    case 'transform':
      return executeTransform({ ...ctx, node });
    case 'condition':
      return executeCondition({ ...ctx, node });
    case 'switch':
      return executeSwitch({ ...ctx, node });
    case 'script':
      return executeScript({ ...ctx, node });
    case 'http':
      return executeHttp({ ...ctx, node });
    case 'subflow':
      return executeSubflow({ ...ctx, node });
    case 'forEach':
      return executeForEach({ ...ctx, node });
    case 'parallel':
      return executeParallel({ ...ctx, node });
    case 'join':
      return executeJoin({ ...ctx, node });
    case 'approval':
    case 'wait':
    case 'delay':
      return undefined;
  }
}

/** Kinds that `execute` runs. */
export function isExecutable(kind: ExecContext['node']['kind']): boolean {
  return kind !== 'approval' && kind !== 'wait' && kind !== 'delay';
}
