import { useMemo, useState, type KeyboardEvent } from 'react';
import { collapsedMembers, groupsOf, toggleCollapsed } from '../model/annotation-ops.js';
import { findNodes } from '../model/find-nodes.js';
import { kindTitle } from '../model/node-kinds.js';
import { useDesigner, useStores, useUi } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';

/** Ctrl/⌘+F over the canvas: type part of a node's id, label or kind; Enter selects it and brings it into view. */
export function FindNode() {
  const open = useUi((s) => s.findOpen);
  return open ? <FindBox /> : null;
}

function FindBox() {
  const { designer, ui } = useStores();
  const doc = useDesigner((s) => s.doc);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => (doc === null ? [] : findNodes(doc, query)), [doc, query]);
  const close = (): void => ui.getState().setFindOpen(false);

  const go = (id: string): void => {
    const state = designer.getState();
    const current = state.doc;
    const group = current === null ? undefined : collapsedMembers(groupsOf(current)).get(id);
    // A node inside a collapsed group is shown by opening the group.
    if (group !== undefined) state.updateGroup(group, toggleCollapsed);
    state.select({ nodes: [id], edges: [] });
    ui.getState().focusNodes([id]);
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (matches.length === 0 ? 0 : (i + step + matches.length) % matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const match = matches[active] ?? matches[0];
      if (match !== undefined) go(match.id);
    }
  };

  return (
    <div className="find-node" role="search" data-testid="find-node">
      <div className="find-node-field">
        <Icon name="search" size={15} />
        <input
          autoFocus
          className="find-node-input"
          placeholder="Find a node by id, label or kind"
          aria-label="Find node"
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls="find-node-results"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        <kbd className="find-node-kbd">Esc</kbd>
      </div>
      <ul className="find-node-results" id="find-node-results" role="listbox" aria-label="Matching nodes">
        {matches.length === 0 && <li className="find-node-empty">No node matches “{query}”</li>}
        {matches.map((node, i) => (
          <li
            key={node.id}
            role="option"
            aria-selected={i === active}
            className={`find-node-result kind-${node.kind} ${i === active ? 'is-active' : ''}`}
            // Chosen on mouse down, before the input's blur closes the box.
            onMouseDown={(event) => {
              event.preventDefault();
              go(node.id);
            }}
          >
            <Icon name={node.kind} size={14} />
            <span className="find-node-name">{node.label ?? node.id}</span>
            {node.label !== undefined && <span className="find-node-id">{node.id}</span>}
            <span className="find-node-kind">{kindTitle(node.kind)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
