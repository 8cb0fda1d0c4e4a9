import { useStores, useUi } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';

/** Says why the last connection was refused, near the canvas, with a way out where there is one; it fades after a few seconds. */
export function ConnectionRefusedBanner() {
  const refusal = useUi((s) => s.refusal);
  const { ui } = useStores();
  if (refusal === null) return null;
  return (
    <div className="refused-banner" role="alert" data-testid="connection-refused" key={refusal.nonce}>
      <Icon name="alert" size={16} />
      <span>
        <strong>Can’t connect.</strong> {refusal.message}
      </span>
      {refusal.action !== undefined && (
        <button
          type="button"
          className="btn btn-sm btn-primary"
          onClick={() => {
            ui.getState().clearRefusal();
            refusal.action?.run();
          }}
        >
          {refusal.action.label}
        </button>
      )}
      <button
        type="button"
        className="btn btn-ghost btn-sm btn-icon"
        aria-label="Dismiss"
        onClick={() => ui.getState().clearRefusal()}
      >
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
