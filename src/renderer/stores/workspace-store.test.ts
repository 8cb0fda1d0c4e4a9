import { describe, expect, it } from 'vitest';
import { orderApproval } from '../test-support/fixtures.js';
import { createMemoryTransport } from '../transport/memory-transport.js';
import { createDesignerStore } from './designer-store.js';
import { createUiStore } from './ui-store.js';
import { createWorkspaceStore } from './workspace-store.js';

function setup(files: Record<string, unknown> = { 'order-approval.flow.json': orderApproval() }) {
  const api = createMemoryTransport(files);
  const ui = createUiStore({ setTimer: () => undefined });
  const designer = createDesignerStore({ setTimer: () => setTimeout(() => undefined, 0) });
  const workspace = createWorkspaceStore({ api, designer, ui });
  return { api, ui, designer, workspace };
}

describe('workspace store', () => {
  it('lists, opens and tracks unsaved changes', async () => {
    const { workspace, designer } = setup();
    await workspace.getState().refresh();
    expect(workspace.getState().files.map((f) => f.file)).toEqual(['order-approval.flow.json']);
    expect(await workspace.getState().open('order-approval.flow.json')).toBe(true);
    expect(designer.getState().doc?.id).toBe('order-approval');
    expect(workspace.getState().dirty).toBe(false);
    designer.getState().updateNode('check', (n) => ({ ...n, label: 'Big?' }));
    expect(workspace.getState().dirty).toBe(true);
    designer.getState().undo();
    expect(workspace.getState().dirty).toBe(false);
  });

  it('saves the edited document', async () => {
    const { workspace, designer, api } = setup();
    await workspace.getState().open('order-approval.flow.json');
    designer.getState().updateNode('check', (n) => ({ ...n, label: 'Big?' }));
    expect(await workspace.getState().save()).toBe(true);
    expect(workspace.getState().dirty).toBe(false);
    const reopened = await api.openWorkflow({ file: 'order-approval.flow.json' });
    expect(reopened.workflow).toMatchObject({
      nodes: expect.arrayContaining([expect.objectContaining({ id: 'check', label: 'Big?' })]),
    });
  });

  it('raises the version when the design changed, not when nodes only moved', async () => {
    const { workspace, designer } = setup();
    await workspace.getState().open('order-approval.flow.json');
    const before = designer.getState().doc?.version ?? 0;
    designer.getState().updateNode('check', (n) => ({ ...n, position: { x: 999, y: 999 } }));
    expect(await workspace.getState().save()).toBe(true);
    expect(designer.getState().doc?.version).toBe(before);
    designer.getState().updateNode('check', (n) => ({ ...n, label: 'Big?' }));
    expect(await workspace.getState().save()).toBe(true);
    expect(designer.getState().doc?.version).toBe(before + 1);
    expect(workspace.getState().dirty).toBe(false);
  });

  it('asks before discarding unsaved changes', async () => {
    const { workspace, designer, ui } = setup({
      'a.flow.json': { ...orderApproval(), id: 'a' },
      'b.flow.json': { ...orderApproval(), id: 'b' },
    });
    await workspace.getState().refresh();
    await workspace.getState().open('a.flow.json');
    designer.getState().updateNode('check', (n) => ({ ...n, label: 'changed' }));
    const opening = workspace.getState().open('b.flow.json');
    await Promise.resolve();
    expect(ui.getState().confirmRequest?.title).toBe('Discard unsaved changes?');
    ui.getState().answerConfirm(false);
    expect(await opening).toBe(false);
    expect(designer.getState().doc?.id).toBe('a');
  });

  it('creates a workflow with a free id and opens it', async () => {
    const { workspace, designer } = setup();
    await workspace.getState().refresh();
    expect(await workspace.getState().create('Order approval')).toBe(true);
    expect(workspace.getState().openFile).toBe('order-approval-2.flow.json');
    expect(designer.getState().doc).toMatchObject({
      id: 'order-approval-2',
      name: 'Order approval',
      nodes: [{ kind: 'start' }],
    });
  });

  it('renames, deletes, imports and exports', async () => {
    const { workspace, designer, ui } = setup();
    await workspace.getState().open('order-approval.flow.json');
    expect(await workspace.getState().rename('order-approval.flow.json', 'orders')).toBe(true);
    expect(workspace.getState().openFile).toBe('orders.flow.json');
    const exported = await workspace.getState().exportOpen();
    expect(JSON.parse(exported?.text ?? '{}')).toHaveProperty('statechart');
    expect(
      await workspace
        .getState()
        .importText('copy.flow.json', JSON.stringify({ ...orderApproval(), id: 'copy', name: 'Copy' })),
    ).toBe(true);
    expect(workspace.getState().openFile).toBe('copy.flow.json');
    expect(designer.getState().doc?.name).toBe('Copy');
    expect(await workspace.getState().importText('bad.flow.json', '{ nope')).toBe(false);
    expect(ui.getState().toasts.at(-1)).toMatchObject({ tone: 'error' });
    expect(await workspace.getState().remove('copy.flow.json')).toBe(true);
    expect(designer.getState().doc).toBeNull();
    expect(workspace.getState().files.map((f) => f.file)).toEqual(['orders.flow.json']);
  });

  it('lays out a document without positions when it opens, once: the file is saved laid out', async () => {
    const doc = orderApproval();
    for (const node of doc.nodes) delete node.position;
    const { workspace, designer, api } = setup({ 'p.flow.json': doc });
    await workspace.getState().open('p.flow.json');
    const shown = designer.getState().doc;
    expect(shown?.nodes.every((n) => n.position !== undefined)).toBe(true);
    expect(workspace.getState().dirty).toBe(false);
    const { workflow } = await api.openWorkflow({ file: 'p.flow.json' });
    expect(workflow).toMatchObject({ nodes: shown?.nodes });
  });

  it('keeps a layout it could not save as an unsaved change', async () => {
    const doc = orderApproval();
    for (const node of doc.nodes) delete node.position;
    const { workspace, designer, api, ui } = setup({ 'p.flow.json': doc });
    api.saveWorkflow = () => Promise.reject(new Error('disk full'));
    await workspace.getState().open('p.flow.json');
    expect(designer.getState().doc?.nodes.every((n) => n.position !== undefined)).toBe(true);
    expect(workspace.getState().dirty).toBe(true);
    expect(ui.getState().toasts.at(-1)?.message).toMatch(/laid out but could not be saved: disk full/);
  });

  it('refuses to show a file that is not a workflow', async () => {
    const { workspace, designer, ui } = setup({ 'x.flow.json': { hello: 'world' } });
    expect(await workspace.getState().open('x.flow.json')).toBe(false);
    expect(designer.getState().doc).toBeNull();
    expect(ui.getState().toasts.at(-1)?.message).toMatch(/not a workflow the designer can show/);
  });
});
