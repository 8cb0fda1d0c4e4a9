import type { NodeKind, WorkflowNode } from '#shared';

/** Kinds that execute work: they take `retry`, `timeoutMs` and have an `error` port. */
export const TASK_KINDS: ReadonlySet<NodeKind> = new Set(['transform', 'script', 'http', 'subflow', 'forEach']);
/** Kinds that pause a run until something from outside (or a timer) arrives. */
export const WAITING_KINDS: ReadonlySet<NodeKind> = new Set(['approval', 'wait', 'delay']);
/** Kinds for which `timeoutMs` is meaningful (DESIGN §2: task, approval and wait kinds). */
export const TIMEOUT_KINDS: ReadonlySet<NodeKind> = new Set([...TASK_KINDS, 'approval', 'wait']);
/** Kinds that end the run when reached. */
export const TERMINAL_KINDS: ReadonlySet<NodeKind> = new Set(['end', 'fail']);

/** The output ports a node offers, in display order. */
export function outPorts(node: WorkflowNode): string[] {
  switch (node.kind) {
    case 'end':
    case 'fail':
      return [];
    case 'start':
    case 'delay':
    case 'log':
    case 'parallel':
    case 'join':
      return ['out'];
    case 'transform':
    case 'script':
    case 'http':
    case 'subflow':
    case 'forEach':
      return ['out', 'error'];
    case 'condition':
      return ['true', 'false'];
    case 'switch':
      return [...node.config.cases.map((c) => c.port), 'default'];
    case 'approval':
      return ['approved', 'rejected', 'timeout'];
    case 'wait':
      return [...node.config.events, 'timeout'];
  }
}

/** Human names of the kinds, for palettes and messages. */
export const KIND_TITLES: Record<NodeKind, string> = {
  start: 'Start',
  end: 'End',
  fail: 'Fail',
  transform: 'Transform',
  script: 'Script',
  http: 'HTTP request',
  delay: 'Delay',
  log: 'Log',
  condition: 'Condition',
  switch: 'Switch',
  parallel: 'Parallel',
  join: 'Join',
  approval: 'Approval',
  wait: 'Wait for signal',
  subflow: 'Subflow',
  forEach: 'For each',
};
