import { useShallow } from 'zustand/react/shallow';
import { useCommands } from '../app/useCommands.js';
import { LatestRunSource, PinnedOutputsSource } from '../preview/PreviewSource.js';
import { useDesigner, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { isAnnotationKey } from '../model/annotation-ops.js';
import { AnnotationInspector } from './AnnotationInspector.js';
import { EdgeInspector } from './EdgeInspector.js';
import { NodeInspector } from './NodeInspector.js';
import { WorkflowInspector } from './WorkflowInspector.js';
import './inspector.css';

/** The right panel: edits whatever is selected (or the workflow itself). */
export function Inspector() {
  const { nodes, edges, hasDoc } = useDesigner(
    useShallow((s) => ({ nodes: s.selection.nodes, edges: s.selection.edges, hasDoc: s.doc !== null })),
  );
  const commands = useCommands();
  const { designer } = useStores();
  const count = nodes.length + edges.length;
  const [node] = nodes;
  const [edge] = edges;

  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      {/* Expression previews read the workflow's latest run (loaded once something is selected) and its pins. */}
      <LatestRunSource enabled={count === 1}>
        <PinnedOutputsSource>
          {!hasDoc ? (
            <div className="inspector-empty">
              <Icon name="file" size={20} />
              <span>Open or create a workflow to edit its nodes here.</span>
            </div>
          ) : count === 0 ? (
            <WorkflowInspector />
          ) : count === 1 && node !== undefined && isAnnotationKey(node) ? (
            <AnnotationInspector key={node} annotationKey={node} />
          ) : count === 1 && node !== undefined ? (
            <NodeInspector key={node} nodeId={node} />
          ) : count === 1 && edge !== undefined ? (
            <EdgeInspector key={edge} edgeKey={edge} />
          ) : (
            <div className="inspector-content">
              <header className="inspector-head">
                <span className="inspector-kind-icon">
                  <Icon name="layout" size={18} />
                </span>
                <div className="inspector-head-text">
                  <span className="inspector-kind">{count} selected</span>
                  <span className="inspector-blurb">
                    {nodes.length} node{nodes.length === 1 ? '' : 's'}, {edges.length} connection
                    {edges.length === 1 ? '' : 's'}
                  </span>
                </div>
              </header>
              <section className="inspector-section inspector-actions">
                <button type="button" className="btn" onClick={commands.copy}>
                  <Icon name="copy" size={14} /> Copy
                </button>
                {nodes.length > 0 && (
                  <button type="button" className="btn" onClick={() => void designer.getState().groupSelection()}>
                    <Icon name="group" size={14} /> Group
                  </button>
                )}
                <button type="button" className="btn danger-hover" onClick={commands.deleteSelection}>
                  <Icon name="trash" size={14} /> Delete
                </button>
              </section>
            </div>
          )}
        </PinnedOutputsSource>
      </LatestRunSource>
    </aside>
  );
}
