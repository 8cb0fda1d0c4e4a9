import { outPorts } from '#engine';
import {
  hasTrait,
  kindSpec,
  NODE_KINDS,
  PALETTE_GROUPS as GROUP_TITLES,
  type NodeKind,
  type PaletteGroup,
  type WorkflowNode,
} from '#shared';
import type { NodeFamily, PortInfo } from './flow-types.js';

const GROUP_FAMILY: Record<PaletteGroup, NodeFamily> = {
  Flow: 'branch',
  Tasks: 'task',
  'People & events': 'human',
  Composition: 'composition',
};

/** Which node component draws a kind: the start and terminal kinds are pills, the rest cards by palette group. */
export function kindFamily(kind: NodeKind): NodeFamily {
  if (kind === 'start' || hasTrait(kind, 'terminal')) return 'terminal';
  return GROUP_FAMILY[kindSpec(kind).palette.group];
}

/** The palette's groups, in display order, each with its kinds in order (from the registry). */
export const PALETTE_GROUPS: readonly { title: PaletteGroup; kinds: readonly NodeKind[] }[] = GROUP_TITLES.map(
  (title) => ({
    title,
    kinds: NODE_KINDS.filter((kind) => kindSpec(kind).palette.group === title).sort(
      (a, b) => kindSpec(a).palette.order - kindSpec(b).palette.order,
    ),
  }),
);

export function kindTitle(kind: NodeKind): string {
  return kindSpec(kind).label;
}

/** One line telling what a kind does, for palette tooltips. */
export function kindBlurb(kind: NodeKind): string {
  return kindSpec(kind).description;
}

/** The node's output ports; never throws, even on a half-edited config. */
export function portsOf(node: WorkflowNode): string[] {
  try {
    return outPorts(node).filter((port) => typeof port === 'string' && port !== '');
  } catch {
    return [];
  }
}

const PORT_TONES: Readonly<Record<string, PortInfo['tone']>> = {
  error: 'error',
  timeout: 'timeout',
  true: 'true',
  approved: 'true',
  false: 'false',
  rejected: 'false',
};

/** How a port is drawn, by its name: the unhappy paths, and the yes/no of a decision. */
export function portTone(port: string): PortInfo['tone'] {
  return PORT_TONES[port] ?? 'normal';
}
