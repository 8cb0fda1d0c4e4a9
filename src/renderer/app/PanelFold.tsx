import type { Panel } from '../stores/ui-store.js';
import { useStores, useUi } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';

const NAMES: Record<Panel, string> = { sidebar: 'workflows and nodes', inspector: 'inspector' };

/** A tab on the canvas' edge that folds a side panel away (and back), to widen the canvas. */
export function PanelFold({ panel }: { panel: Panel }) {
  const { ui } = useStores();
  const shown = useUi((s) => s.panels[panel]);
  const left = panel === 'sidebar';
  const label = `${shown ? 'Hide' : 'Show'} ${NAMES[panel]}`;
  return (
    <button
      type="button"
      className={`panel-fold ${left ? 'panel-fold-left' : 'panel-fold-right'}`}
      aria-label={label}
      title={label}
      aria-expanded={shown}
      data-testid={`fold-${panel}`}
      onClick={() => ui.getState().togglePanel(panel)}
    >
      <Icon name={shown === left ? 'chevronLeft' : 'chevronRight'} size={14} />
    </button>
  );
}
