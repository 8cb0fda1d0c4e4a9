import { memo } from 'react';
import { Icon } from '../ui/Icon.js';
import { useRunView, useRunViewStore } from './run-view-context.js';

/** The replay check's verdict, with the divergence point one click away. */
export const ReplayBanner = memo(function ReplayBanner() {
  const replay = useRunView((s) => s.replay);
  const store = useRunViewStore();
  if (replay === null) return null;
  const { verdict, design } = replay;
  return (
    <div
      className={`replay-banner ${verdict.clean ? 'is-clean' : 'is-diverged'}`}
      role="status"
      data-testid="replay-verdict"
    >
      <Icon name={verdict.clean ? 'checkCircle' : 'alert'} size={16} />
      <span className="replay-text">
        {verdict.clean ? (
          <>
            <strong>Replays clean</strong> against {design}: all {verdict.events} events agree.
          </>
        ) : (
          <>
            <strong>
              Diverges at #{verdict.seq}
              {verdict.node === null ? '' : ` (node ${verdict.node})`}
            </strong>{' '}
            against {design}: {verdict.message}
          </>
        )}
      </span>
      {!verdict.clean && (
        <button type="button" className="btn btn-sm" onClick={() => store.getState().select(verdict.seq)}>
          Show #{verdict.seq}
        </button>
      )}
      <button
        type="button"
        className="btn btn-ghost btn-sm btn-icon"
        aria-label="Dismiss the replay check"
        onClick={() => store.getState().setReplay(null)}
      >
        <Icon name="close" size={14} />
      </button>
    </div>
  );
});
