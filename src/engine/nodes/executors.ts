import { NODE_KINDS, SwitchyardError, type NodeKind } from '#shared';
import { WAITING_KINDS } from '../model/node-ports.js';
import type { ExecContext, ExecResult } from './node-executor.js';

type Executor = (ctx: ExecContext) => Promise<ExecResult>;

/**
 * A kind's behaviour is its module `kinds/<kind>.ts`, which exports `execute`. The modules are
 * found by name (the bundlers — esbuild, Vite — take every file of the folder), so a new kind is
 * its module and its registry entry; `executors.test.ts` checks that every kind that executes has one.
 */
const loaded = new Map<NodeKind, Executor>();

async function load(kind: NodeKind): Promise<Executor> {
  const module: unknown = await import(`./kinds/${kind}.ts`);
  const execute: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'execute') : undefined;
  if (typeof execute !== 'function')
    throw new SwitchyardError('INTERNAL', `node kind ${kind}: its module kinds/${kind}.ts exports no execute()`);
  // Each module's `execute` takes the context of its own kind, which is the kind it is loaded for.
  const executor = execute as Executor;
  loaded.set(kind, executor);
  return executor;
}

/** Kinds that `execute` runs: all but those the runtime drives itself (approval, wait, delay). */
export function isExecutable(kind: NodeKind): boolean {
  return !WAITING_KINDS.has(kind);
}

let everyKind: Promise<void> | undefined;

/**
 * Loads every kind's module (once). Hosts await it before they run nodes, so that a node's
 * time limit never includes loading its module.
 */
export function loadExecutors(): Promise<void> {
  everyKind ??= Promise.all(NODE_KINDS.filter(isExecutable).map(load)).then(() => undefined);
  return everyKind;
}

/** Runs the executor of the node's kind, or returns undefined for kinds the runtime drives itself. */
export function execute(ctx: ExecContext): Promise<ExecResult> | undefined {
  const { kind } = ctx.node;
  if (!isExecutable(kind)) return undefined;
  const executor = loaded.get(kind);
  return executor === undefined ? load(kind).then((loadedExecutor) => loadedExecutor(ctx)) : executor(ctx);
}
