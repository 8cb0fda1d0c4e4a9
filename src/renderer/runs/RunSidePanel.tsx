import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunSnapshot } from '../run-model/run-snapshot.js';
import { Icon } from '../ui/Icon.js';
import { ContextPanel } from './ContextPanel.js';
import { NodeDataPanel } from './NodeDataPanel.js';
import { useRunView, useRunViewStore } from './run-view-context.js';

/**
 * The run view's right side: the run's state at the selected event and, once a node is
 * clicked, that node's data at the same event, as two tabs.
 */
export const RunSidePanel = memo(function RunSidePanel({ snapshot }: { snapshot: RunSnapshot }) {
  const store = useRunViewStore();
  const { node, panel } = useRunView(useShallow((s) => ({ node: s.selectedNode, panel: s.sidePanel })));
  if (node === null) return <ContextPanel snapshot={snapshot} />;
  const showNode = panel === 'node';
  return (
    <div className={`run-side ${showNode ? 'shows-node' : ''}`} data-testid="run-side">
      <div className="run-side-tabs" role="tablist" aria-label="Side panel">
        <button
          type="button"
          role="tab"
          id="run-side-tab-state"
          aria-selected={!showNode}
          aria-controls="run-side-body"
          className="run-side-tab"
          onClick={() => store.getState().showSidePanel('state')}
        >
          Run state
        </button>
        <button
          type="button"
          role="tab"
          id="run-side-tab-node"
          aria-selected={showNode}
          aria-controls="run-side-body"
          className="run-side-tab"
          data-testid="node-data-tab"
          onClick={() => store.getState().showSidePanel('node')}
        >
          Node <code>{node}</code>
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-icon run-side-close"
          aria-label={`Close ${node}`}
          title="Close the node tab"
          onClick={() => store.getState().selectNode(null)}
        >
          <Icon name="close" size={13} />
        </button>
      </div>
      <div
        className="run-side-body"
        id="run-side-body"
        role="tabpanel"
        aria-labelledby={showNode ? 'run-side-tab-node' : 'run-side-tab-state'}
      >
        {showNode ? <NodeDataPanel node={node} seq={snapshot.seq} /> : <ContextPanel snapshot={snapshot} />}
      </div>
    </div>
  );
});
