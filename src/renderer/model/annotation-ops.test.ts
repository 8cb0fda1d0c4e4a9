import { parseWorkflowValue, validateWorkflow } from '#engine';
import { Workflow } from '#shared';
import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import {
  addNote,
  collapsedMembers,
  groupNodes,
  moveGroup,
  parseAnnotationKey,
  removeAnnotations,
  toggleCollapsed,
  updateGroup,
  updateNote,
} from './annotation-ops.js';
import { removeElements, renameNode } from './document-ops.js';

function grouped() {
  const made = groupNodes(orderApproval(), ['check', 'boss', 'ghost'], 'Decision');
  if (made === undefined) throw new Error('no group');
  return made;
}

describe('sticky notes', () => {
  it('adds notes with fresh ids and edits them; an empty list leaves the file', () => {
    const first = addNote(orderApproval(), { x: 10.4, y: -20.6 }, '# Why');
    const second = addNote(first.doc, { x: 0, y: 0 });
    expect([first.id, second.id]).toEqual(['note1', 'note2']);
    expect(first.doc.annotations).toEqual({ notes: [{ id: 'note1', text: '# Why', position: { x: 10, y: -21 } }] });
    const edited = updateNote(second.doc, 'note1', (n) => ({ ...n, text: 'because' }));
    expect(edited.annotations?.notes?.[0]?.text).toBe('because');
    const gone = removeAnnotations(edited, ['note:note1', 'note:note2'], new Set());
    expect('annotations' in gone).toBe(false);
  });
});

describe('groups', () => {
  it('groups existing nodes only, each node in one group', () => {
    const { doc, id } = grouped();
    expect(doc.annotations?.groups).toEqual([{ id, name: 'Decision', nodes: ['check', 'boss'] }]);
    const again = groupNodes(doc, ['boss', 'done']);
    expect(again?.doc.annotations?.groups).toEqual([
      { id: 'group1', name: 'Decision', nodes: ['check'] },
      { id: 'group2', name: 'Group', nodes: ['boss', 'done'] },
    ]);
    expect(groupNodes(doc, ['ghost'])).toBeUndefined();
  });

  it('collapses and expands, hiding its nodes', () => {
    const { doc, id } = grouped();
    const collapsed = updateGroup(doc, id, toggleCollapsed);
    expect(collapsed.annotations?.groups?.[0]?.collapsed).toBe(true);
    expect([...collapsedMembers(collapsed.annotations?.groups ?? [])]).toEqual([
      ['check', id],
      ['boss', id],
    ]);
    expect(updateGroup(collapsed, id, toggleCollapsed).annotations?.groups?.[0]).toEqual({
      id,
      name: 'Decision',
      nodes: ['check', 'boss'],
    });
  });

  it('moves its nodes together', () => {
    const { doc, id } = grouped();
    const moved = moveGroup(doc, id, 10, -5);
    expect(moved.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 250, y: -5 },
      { x: 530, y: -85 },
      { x: 800, y: -80 },
      { x: 520, y: 120 },
    ]);
  });

  it('follows deletes and renames of its nodes, and goes when empty', () => {
    const { doc, id } = grouped();
    const renamed = renameNode(doc, 'boss', 'manager');
    expect(renamed.ok && renamed.doc.annotations?.groups?.[0]?.nodes).toEqual(['check', 'manager']);
    const fewer = removeElements(doc, { nodes: ['check'], edges: [] });
    expect(fewer.annotations?.groups?.[0]?.nodes).toEqual(['boss']);
    expect(removeElements(fewer, { nodes: ['boss'], edges: [] }).annotations).toBeUndefined();
    // Deleting the group itself keeps its nodes.
    const ungrouped = removeElements(doc, { nodes: [`group:${id}`], edges: [] });
    expect(ungrouped.nodes).toHaveLength(5);
    expect(ungrouped.annotations).toBeUndefined();
  });

  it('keys annotations apart from nodes', () => {
    expect(parseAnnotationKey('note:n1')).toEqual({ kind: 'note', id: 'n1' });
    expect(parseAnnotationKey('group:g')).toEqual({ kind: 'group', id: 'g' });
    expect(parseAnnotationKey('check')).toBeUndefined();
    expect(parseAnnotationKey('note:')).toBeUndefined();
  });
});

describe('annotations in the file', () => {
  it('round-trip through the schema and change nothing the validator or compiler sees', () => {
    const plain = orderApproval();
    const noted = addNote(grouped().doc, { x: 0, y: -100 }, 'Amounts over **1000** need a manager').doc;
    const text = JSON.stringify(noted);
    expect(Workflow.parse(JSON.parse(text))).toEqual(noted);
    expect(validateWorkflow(noted)).toEqual(validateWorkflow(plain));
    const parsed = parseWorkflowValue(JSON.parse(text));
    expect(parsed.ok).toBe(true);
  });

  it('are checked: unknown fields, limits and duplicate ids are schema errors', () => {
    const doc = orderApproval();
    const bad = (annotations: unknown) => Workflow.safeParse({ ...doc, annotations }).success;
    expect(bad({ notes: [{ id: 'n', text: 'x', position: { x: 0, y: 0 }, html: '<b>' }] })).toBe(false);
    expect(bad({ notes: [{ id: 'n', text: 'x'.repeat(10_001), position: { x: 0, y: 0 } }] })).toBe(false);
    expect(bad({ groups: [{ id: 'g', name: '', nodes: [] }] })).toBe(false);
    expect(
      bad({
        notes: [
          { id: 'n', text: '', position: { x: 0, y: 0 } },
          { id: 'n', text: '', position: { x: 0, y: 0 } },
        ],
      }),
    ).toBe(false);
    expect(bad({ stickers: [] })).toBe(false);
    expect(bad({ notes: [], groups: [{ id: 'g', name: 'G', nodes: ['check'], collapsed: true }] })).toBe(true);
  });
});
