import { useEffect, useRef } from 'react';
import { useCommands } from '../app/useCommands.js';
import { groupKey, groupsOf, removeAnnotations, toggleCollapsed } from '../model/annotation-ops.js';
import { useStores } from '../stores/stores-context.js';
import { Icon, type IconName } from '../ui/Icon.js';

/** What was right-clicked: a node, an edge, a sticky note, a group or the empty pane (at a flow point). */
export type MenuTarget =
  { kind: 'node' | 'edge' | 'note' | 'group'; key: string } | { kind: 'pane'; at: { x: number; y: number } };

export interface MenuState {
  /** Where the menu opens, in the canvas' own pixels. */
  left: number;
  top: number;
  target: MenuTarget;
}

interface Item {
  label: string;
  icon: IconName;
  run: () => void;
  danger?: boolean;
}

/** The canvas' right-click menu; each item acts on what was clicked (and the selection it is part of). */
export function CanvasContextMenu({ menu, onClose }: { menu: MenuState; onClose: () => void }) {
  const items = useMenuItems(menu.target);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const close = (event: Event): void => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event.target instanceof Node && ref.current?.contains(event.target) === true && event.type !== 'keydown')
        return;
      onClose();
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('keydown', close, true);
    window.addEventListener('wheel', close, true);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('keydown', close, true);
      window.removeEventListener('wheel', close, true);
    };
  }, [onClose]);
  return (
    <div
      ref={ref}
      className="canvas-menu"
      role="menu"
      aria-label="Canvas actions"
      data-testid="canvas-menu"
      style={{ left: menu.left, top: menu.top }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className={`canvas-menu-item ${item.danger === true ? 'is-danger' : ''}`}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          <Icon name={item.icon} size={14} />
          {item.label}
        </button>
      ))}
    </div>
  );
}

function useMenuItems(target: MenuTarget): Item[] {
  const { designer, ui } = useStores();
  const commands = useCommands();
  const state = designer.getState();
  const doc = state.doc;
  if (doc === null) return [];
  const remove: Item = { label: 'Delete', icon: 'trash', run: commands.deleteSelection, danger: true };
  switch (target.kind) {
    case 'pane':
      return [
        { label: 'Add sticky note here', icon: 'note', run: () => void state.addNote(target.at) },
        ...(state.clipboard === null ? [] : [{ label: 'Paste', icon: 'copy', run: commands.paste } satisfies Item]),
        { label: 'Select all', icon: 'check', run: commands.selectAll },
        { label: 'Auto-layout', icon: 'layout', run: commands.layout },
        { label: 'Fit view', icon: 'fit', run: commands.fit },
      ];
    case 'node': {
      const inGroup = groupsOf(doc).some((g) => g.nodes.includes(target.key));
      const nodes = state.selection.nodes.length;
      return [
        {
          label: 'Duplicate',
          icon: 'copy',
          run: () => {
            if (designer.getState().copy()) designer.getState().paste();
          },
        },
        {
          label: nodes > 1 ? `Group ${nodes} nodes` : 'Group',
          icon: 'group',
          run: () => void designer.getState().groupSelection(),
        },
        ...(inGroup
          ? [
              {
                label: 'Remove from group',
                icon: 'close',
                run: () => designer.getState().edit((d) => removeAnnotations(d, [], new Set([target.key]))),
              } satisfies Item,
            ]
          : []),
        remove,
      ];
    }
    case 'edge':
      return [{ ...remove, label: 'Delete connection' }];
    case 'note':
      return [{ ...remove, label: 'Delete note' }];
    case 'group': {
      const id = target.key.slice('group:'.length);
      const group = groupsOf(doc).find((g) => g.id === id);
      if (group === undefined) return [];
      const collapsed = group.collapsed === true;
      return [
        {
          label: collapsed ? 'Expand' : 'Collapse',
          icon: collapsed ? 'chevronDown' : 'chevronUp',
          run: () => designer.getState().updateGroup(id, toggleCollapsed),
        },
        {
          label: 'Rename…',
          icon: 'pencil',
          run: () => {
            void ui
              .getState()
              .prompt({
                title: 'Rename group',
                label: 'Name',
                initial: group.name,
                confirmLabel: 'Rename',
                validate: (value) => (value.trim() === '' ? 'Give the group a name' : undefined),
              })
              .then((name) => {
                if (name !== undefined) designer.getState().updateGroup(id, (g) => ({ ...g, name: name.trim() }));
              });
          },
        },
        {
          label: 'Select its nodes',
          icon: 'check',
          run: () => designer.getState().select({ nodes: group.nodes, edges: [] }),
        },
        {
          label: 'Ungroup',
          icon: 'close',
          run: () => designer.getState().edit((d) => removeAnnotations(d, [groupKey(id)], new Set())),
        },
      ];
    }
  }
}
