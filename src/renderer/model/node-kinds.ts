import { KIND_TITLES, outPorts } from '#engine';
import type { NodeKind, WorkflowNode } from '#shared';
import type { NodeFamily, PortInfo } from './flow-types.js';

export const KIND_FAMILY: Record<NodeKind, NodeFamily> = {
  start: 'terminal',
  end: 'terminal',
  fail: 'terminal',
  transform: 'task',
  script: 'task',
  http: 'task',
  log: 'task',
  delay: 'task',
  condition: 'branch',
  switch: 'branch',
  parallel: 'branch',
  join: 'branch',
  approval: 'human',
  wait: 'human',
  subflow: 'composition',
  forEach: 'composition',
};

/** The palette's groups, in display order. */
export const PALETTE_GROUPS: readonly { title: string; kinds: readonly NodeKind[] }[] = [
  { title: 'Flow', kinds: ['start', 'end', 'fail', 'condition', 'switch', 'parallel', 'join'] },
  { title: 'Tasks', kinds: ['transform', 'script', 'http', 'log', 'delay'] },
  { title: 'People & events', kinds: ['approval', 'wait'] },
  { title: 'Composition', kinds: ['subflow', 'forEach'] },
];

/** One line telling what a kind does, for palette tooltips. */
export const KIND_BLURBS: Record<NodeKind, string> = {
  start: 'Where every run begins; its output is the run input',
  end: 'Completes the run with an output',
  fail: 'Fails the run with a message',
  transform: 'Computes a value and sets variables with expressions',
  script: 'Runs a JavaScript function body in a sandbox',
  http: 'Calls an HTTP endpoint',
  log: 'Writes a message to the run log',
  delay: 'Waits for a duration or until a time',
  condition: 'Branches on a true/false expression',
  switch: 'Takes the first case whose expression is true',
  parallel: 'Starts every outgoing branch at once',
  join: 'Waits for parallel branches to finish',
  approval: 'Pauses until a person approves or rejects',
  wait: 'Pauses until a named signal arrives',
  subflow: 'Runs another workflow as one step',
  forEach: 'Runs a workflow once per item of a list',
};

export function kindTitle(kind: NodeKind): string {
  return KIND_TITLES[kind];
}

/** The node's output ports; never throws, even on a half-edited config. */
export function portsOf(node: WorkflowNode): string[] {
  try {
    return outPorts(node).filter((port) => typeof port === 'string' && port !== '');
  } catch {
    return [];
  }
}

export function portTone(port: string, node: WorkflowNode): PortInfo['tone'] {
  if (port === 'error') return 'error';
  if (port === 'timeout') return 'timeout';
  if (node.kind === 'condition') return port === 'true' ? 'true' : 'false';
  if (node.kind === 'approval') return port === 'approved' ? 'true' : 'false';
  return 'normal';
}
