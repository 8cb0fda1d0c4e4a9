import type { Edge, Node } from '@xyflow/react';
import type { NodeKind, Trigger, WorkflowNode } from '#shared';
import type { NodeRunInfo } from '../run-model/node-status.js';

/** Which node component draws a kind. */
export type NodeFamily = 'terminal' | 'task' | 'branch' | 'human' | 'composition';

/** Errors and warnings attached to one canvas element; `key` changes whenever they do. */
export interface Diagnostics {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  readonly key: string;
}

export interface PortInfo {
  readonly id: string;
  /** `error` and `timeout` ports are drawn as the unhappy path. */
  readonly tone: 'normal' | 'error' | 'timeout' | 'true' | 'false';
}

export interface FlowNodeData extends Record<string, unknown> {
  readonly node: WorkflowNode;
  readonly kind: NodeKind;
  readonly title: string;
  readonly summary: string;
  readonly ports: readonly PortInfo[];
  readonly hasInput: boolean;
  readonly diagnostics: Diagnostics;
  /** On the start node: the workflow's triggers, drawn as badges. */
  readonly triggers?: readonly Trigger[];
  /** On the run canvas: how the node stands at the selected event. */
  readonly run?: NodeRunInfo | undefined;
  /** In the designer: the node has a pinned sample output (run to here gives it instead of executing it). */
  readonly pinned?: boolean;
  /** Drawn as a block without handles or text, at the overview zoom level (canvas/zoom-level.ts). */
  readonly overview?: boolean;
}

export interface FlowEdgeData extends Record<string, unknown> {
  /** `compensation` links are drawn from a node to the node that undoes it; they are not document edges. */
  readonly role: 'flow' | 'compensation';
  /** Index of the edge in `doc.edges` when it was projected (-1 for compensation links). */
  readonly index: number;
  readonly port: string;
  readonly when: string | undefined;
  readonly fromParallel: boolean;
  readonly diagnostics: Diagnostics;
  /** On the start node: the workflow's triggers, drawn as badges. */
  readonly triggers?: readonly Trigger[];
  /** On the run canvas: whether the run has taken this edge by the selected event. */
  readonly run?: 'taken' | 'untaken' | undefined;
}

export type FlowNode = Node<FlowNodeData, NodeFamily>;
export type FlowEdge = Edge<FlowEdgeData, 'workflow'>;

export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };
