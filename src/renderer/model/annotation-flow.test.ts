import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { createAnnotationCache, GROUP_PAD, groupFrame, withAnnotationElements } from './annotation-flow.js';
import { addNote, groupNodes, toggleCollapsed, updateGroup } from './annotation-ops.js';
import { documentToFlow } from './flow-mappers.js';

function elements(doc: ReturnType<typeof orderApproval>) {
  const { nodes, edges } = documentToFlow(doc, []);
  return {
    nodes,
    edges,
    shown: withAnnotationElements(doc.annotations, nodes, edges, new Set(), new Map(), createAnnotationCache()),
  };
}

describe('withAnnotationElements', () => {
  it('gives back the very same arrays for a workflow without annotations', () => {
    const { nodes, edges, shown } = elements(orderApproval());
    expect(shown.nodes).toBe(nodes);
    expect(shown.edges).toBe(edges);
  });

  it('draws a group frame behind its nodes and notes as nodes of their own', () => {
    const grouped = groupNodes(orderApproval(), ['check', 'boss'], 'Decision');
    const doc = addNote(grouped!.doc, { x: 0, y: -200 }, 'hi').doc;
    const { nodes, shown } = elements(doc);
    const frame = shown.nodes.find((n) => n.id === 'group:group1');
    expect(frame?.zIndex).toBe(-1);
    expect(frame?.position.x).toBe(240 - GROUP_PAD);
    expect(shown.nodes.find((n) => n.id === 'note:note1')?.position).toEqual({ x: 0, y: -200 });
    expect(groupFrame(grouped!.doc.annotations!.groups![0]!, new Map(nodes.map((n) => [n.id, n])))?.width).toBe(
      frame?.width ?? 0,
    );
  });

  it('hides the nodes of a collapsed group and draws their outside edges to its box', () => {
    const grouped = groupNodes(orderApproval(), ['check', 'boss'], 'Decision');
    const doc = updateGroup(grouped!.doc, 'group1', toggleCollapsed);
    const { shown } = elements(doc);
    expect(shown.nodes.filter((n) => n.hidden === true).map((n) => n.id)).toEqual(['check', 'boss']);
    const proxies = shown.edges.filter((e) => e.id.endsWith('@group')).map((e) => `${e.source}->${e.target}`);
    // check→boss stays inside; start→check, check→auto and boss→done twice cross the border.
    expect(proxies).toEqual(['start->group:group1', 'group:group1->auto', 'group:group1->done', 'group:group1->done']);
    const box = shown.nodes.find((n) => n.id === 'group:group1');
    expect(box?.data).toMatchObject({ members: 2, crossing: 4 });
  });
});
