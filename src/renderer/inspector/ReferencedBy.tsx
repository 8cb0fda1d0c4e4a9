import { referencesTo } from '#engine';
import { useMemo } from 'react';
import { useDesigner, useStores } from '../stores/stores-context.js';

/** Where expressions read this node's result (`steps.ID`); a click selects the reading node. */
export function ReferencedBy({ nodeId }: { nodeId: string }) {
  const doc = useDesigner((s) => s.doc);
  const { designer } = useStores();
  const refs = useMemo(() => (doc === null ? [] : referencesTo(doc, nodeId)), [doc, nodeId]);
  return (
    <section className="inspector-section" data-testid="referenced-by">
      <h3 className="inspector-section-title">Referenced by</h3>
      {refs.length === 0 ? (
        <p className="reference-none muted">No expression reads steps.{nodeId} yet.</p>
      ) : (
        <ul className="reference-list">
          {refs.map((ref) => (
            <li key={`${ref.node ?? ref.edge ?? ''}:${ref.field}`}>
              {ref.node === undefined ? (
                <span className="reference-item">
                  edge {ref.edge} <span className="muted">{ref.field}</span>
                </span>
              ) : (
                <button
                  type="button"
                  className="reference-item reference-link"
                  onClick={() => designer.getState().select({ nodes: [ref.node ?? ''], edges: [] })}
                >
                  <code>{ref.node}</code> <span className="muted">{ref.field}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
