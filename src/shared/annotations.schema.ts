import { z } from 'zod';
import { LIMITS } from './limits.js';
import { LayoutPosition, NodeId } from './node-base.schema.js';

/** An annotation's id: unique among the notes (or the groups) of its workflow. */
export const AnnotationId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected an id (a letter, then letters, digits, _ or -)');

export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink', 'grey'] as const;

/**
 * A sticky note on the canvas: Markdown text at a position, for the reader only.
 *
 * @example
 * { id: 'note1', text: '**Why** amounts over 1000 need a manager', position: { x: 40, y: -120 } }
 */
export const StickyNote = z.strictObject({
  id: AnnotationId,
  text: z.string().max(LIMITS.noteChars, `expected at most ${LIMITS.noteChars} characters`),
  position: LayoutPosition,
  /** Drawn width in pixels (default 240). */
  width: z.int().min(120).max(800).optional(),
  color: z.enum(NOTE_COLORS).optional(),
});
export type StickyNote = z.infer<typeof StickyNote>;

/**
 * A named frame around some nodes; collapsed, the canvas draws it as one box in their place.
 *
 * @example
 * { id: 'billing', name: 'Billing', nodes: ['fetch', 'check'], collapsed: true }
 */
export const NodeGroup = z.strictObject({
  id: AnnotationId,
  name: z.string().min(1, 'expected a name').max(120, 'expected at most 120 characters'),
  nodes: z.array(NodeId).max(LIMITS.workflowNodes),
  collapsed: z.boolean().optional(),
});
export type NodeGroup = z.infer<typeof NodeGroup>;

function uniqueIds(items: readonly { id: string }[]): boolean {
  return new Set(items.map((i) => i.id)).size === items.length;
}

/**
 * What the designer draws besides the graph: sticky notes and node groups. Layout only, like a
 * node's `position`: validation, compilation and runs ignore it (format 1 still).
 */
export const Annotations = z.strictObject({
  notes: z
    .array(StickyNote)
    .max(LIMITS.annotationItems, `expected at most ${LIMITS.annotationItems} notes`)
    .refine(uniqueIds, 'expected a different id for every note')
    .optional(),
  groups: z
    .array(NodeGroup)
    .max(LIMITS.annotationItems, `expected at most ${LIMITS.annotationItems} groups`)
    .refine(uniqueIds, 'expected a different id for every group')
    .optional(),
});
export type Annotations = z.infer<typeof Annotations>;
