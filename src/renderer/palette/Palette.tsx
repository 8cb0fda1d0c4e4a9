import type { NodeKind } from '#shared';
import { memo, useCallback, useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useCanvasBridge } from '../app/canvas-bridge.js';
import { DRAG_KIND_TYPE } from '../canvas/drag-kind.js';
import { estimateNodeSize, freeSpot, type Size } from '../model/auto-layout.js';
import { createNode } from '../model/node-defaults.js';
import { isAnnotationKey } from '../model/annotation-ops.js';
import { filterPalette } from '../model/palette-search.js';
import { kindBlurb, kindTitle } from '../model/node-kinds.js';
import { useDesigner, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import './palette.css';

/**
 * Every node kind, grouped, with a search box (Enter adds the first match): drag one onto the
 * canvas, or click it to add it right of the selected node (connected to it) or else in the
 * middle of the view.
 */
export function Palette() {
  const { designer } = useStores();
  const bridge = useCanvasBridge();
  const hasDoc = useDesigner((s) => s.doc !== null);
  const [query, setQuery] = useState('');
  const groups = useMemo(() => filterPalette(query), [query]);

  const add = useCallback(
    (kind: NodeKind) => {
      const { doc, projection, selection } = designer.getState();
      if (doc === null) return;
      const [after, ...more] = selection.nodes.filter((key) => !isAnnotationKey(key));
      if (after !== undefined && more.length === 0 && designer.getState().addNodeAfter(kind, after) !== undefined)
        return;
      const center = bridge.current?.center() ?? { x: 0, y: 0 };
      const size = estimateNodeSize(createNode(kind, 'probe', center, doc.id));
      const sizes = new Map<string, Size>();
      for (const n of projection.nodes) {
        if (n.measured?.width !== undefined && n.measured.height !== undefined)
          sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
      }
      // The middle of the view, or the nearest spot next to it where the node covers nothing.
      const at = freeSpot(doc, { x: center.x - size.width / 2, y: center.y - size.height / 2 }, size, sizes);
      designer.getState().addNode(kind, at);
    },
    [bridge, designer],
  );

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setQuery('');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const first = groups[0]?.kinds[0];
      if (first !== undefined && hasDoc) add(first);
    }
  };

  return (
    <nav className="palette" aria-label="Node palette">
      <div className="sidebar-heading">
        <span>Nodes</span>
        <span className="sidebar-heading-hint">drag or click</span>
      </div>
      <div className="palette-search">
        <Icon name="search" size={14} />
        <input
          type="search"
          className="palette-search-input"
          placeholder="Search nodes — Enter adds"
          aria-label="Search nodes"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onSearchKey}
        />
      </div>
      <div className="palette-scroll">
        {groups.length === 0 && <p className="palette-empty">No node kind matches “{query}”</p>}
        {groups.map((group) => (
          <section key={group.title} className="palette-group" aria-label={group.title}>
            <h3 className="palette-group-title">{group.title}</h3>
            <div className="palette-grid">
              {group.kinds.map((kind) => (
                <PaletteItem key={kind} kind={kind} disabled={!hasDoc} onAdd={add} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </nav>
  );
}

const PaletteItem = memo(function PaletteItem({
  kind,
  disabled,
  onAdd,
}: {
  kind: NodeKind;
  disabled: boolean;
  onAdd: (kind: NodeKind) => void;
}) {
  const title = kindTitle(kind);
  const onDragStart = (event: DragEvent<HTMLDivElement>): void => {
    event.dataTransfer.setData(DRAG_KIND_TYPE, kind);
    event.dataTransfer.setData('text/plain', kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (!disabled) onAdd(kind);
    }
  };
  return (
    <div
      role="button"
      tabIndex={disabled ? -1 : 0}
      aria-label={title}
      aria-disabled={disabled}
      title={`${title}: ${kindBlurb(kind)}`}
      className={`palette-item kind-${kind}`}
      data-testid={`palette-${kind}`}
      draggable={!disabled}
      onDragStart={onDragStart}
      onClick={() => {
        if (!disabled) onAdd(kind);
      }}
      onKeyDown={onKeyDown}
    >
      <span className="palette-icon">
        <Icon name={kind} size={15} />
      </span>
      <span className="palette-title">{title}</span>
    </div>
  );
});
