import { kindSpec, kindsWith, type NodeKind, type WorkflowNode } from '#shared';

/** Kinds that execute work: they take `retry`, `timeoutMs` and have an `error` port. */
export const TASK_KINDS = kindsWith('task');
/** Kinds that pause a run until something from outside (or a timer) arrives. */
export const WAITING_KINDS = kindsWith('waits');
/** Kinds for which `timeoutMs` is meaningful (DESIGN §2: task, approval and wait kinds). */
export const TIMEOUT_KINDS = kindsWith('timeout');
/** Kinds that may retry. */
export const RETRY_KINDS = kindsWith('retry');
/** Kinds that end the run when reached. */
export const TERMINAL_KINDS = kindsWith('terminal');
/** Kinds that only compute in memory: they may run ahead of the store. */
export const PURE_KINDS = kindsWith('pure');
/**
 * Kinds whose output may be pinned as sample data: tasks that reach outside the run or run code
 * (http, script, subflow, forEach). Pure tasks (transform, set) compute from the scope and also
 * change `vars`, so they always run.
 */
export const PINNABLE_KINDS: ReadonlySet<NodeKind> = new Set([...TASK_KINDS].filter((kind) => !PURE_KINDS.has(kind)));
/** The output ports a node offers, in display order. */
export function outPorts(node: WorkflowNode): string[] {
  const ports = kindSpec(node.kind).ports;
  switch (ports.type) {
    case 'fixed':
      return [...ports.ports];
    case 'branches':
      return ['out'];
    case 'config': {
      const list = field(node.config, ports.list);
      const items: readonly unknown[] = Array.isArray(list) ? list : [];
      const names = items.map((item) => (ports.key === undefined ? item : field(item, ports.key)));
      return [...names.filter((name): name is string => typeof name === 'string'), ...ports.then];
    }
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}
