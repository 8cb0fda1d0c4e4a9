import { useStores, useDesigner } from '../stores/stores-context.js';
import { EXAMPLES } from '../app/examples.js';
import { Icon } from '../ui/Icon.js';
import { retargetWorkflowRefs, setPositions } from '../model/document-ops.js';
import { layoutPositions, needsLayout } from '../model/auto-layout.js';

/** Shown while the workflow holds nothing but its start node. */
export function EmptyCanvasHint() {
  const nearlyEmpty = useDesigner((s) => s.doc !== null && s.doc.nodes.length <= 1 && s.doc.edges.length === 0);
  const { designer, ui } = useStores();
  if (!nearlyEmpty) return null;

  const applyExample = async (index: number): Promise<void> => {
    const example = EXAMPLES[index];
    if (example === undefined) return;
    let template = example.doc;
    if (needsLayout(template)) template = setPositions(template, await layoutPositions(template));
    designer.getState().edit((doc) => ({
      ...doc,
      description: doc.description ?? template.description,
      ...(template.input === undefined ? {} : { input: template.input }),
      nodes: retargetWorkflowRefs(template.nodes, template.id, doc.id),
      edges: template.edges,
      ...(template.subflows === undefined ? {} : { subflows: template.subflows }),
    }));
    ui.getState().fitView();
  };

  return (
    <div className="empty-canvas-hint" data-testid="empty-canvas-hint">
      <div className="empty-canvas-card">
        <div className="empty-canvas-icon">
          <Icon name="plus" size={20} />
        </div>
        <div className="empty-canvas-title">Drag a node from the palette, or start from an example</div>
        <div className="empty-canvas-text">
          Connect an output port on the right of a node to the input on the left of the next. Click a palette item to
          drop it in the middle.
        </div>
        {EXAMPLES.length > 0 && (
          <div className="empty-canvas-examples">
            {EXAMPLES.slice(0, 4).map((example, i) => (
              <button key={example.doc.id} type="button" className="btn btn-sm" onClick={() => void applyExample(i)}>
                {example.doc.name}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
