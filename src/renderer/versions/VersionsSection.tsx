import { useEffect } from 'react';
import { useLiveClock } from '../runs/useLiveClock.js';
import { formatAgo, formatTimestamp } from '../run-model/run-format.js';
import { useDesigner, useStores, useVersions, useWorkspace } from '../stores/stores-context.js';
import './versions.css';

/** The open workflow's saved versions: what changed in each, and a replay check of each against recent runs. */
export function VersionsSection() {
  const { versions: store } = useStores();
  const workflowId = useDesigner((s) => s.doc?.id ?? null);
  const savedVersion = useWorkspace((s) => s.savedDoc?.version);
  const savedId = useWorkspace((s) => s.savedDoc?.id);
  const dirty = useWorkspace((s) => s.dirty);
  const list = useVersions((s) => (s.list?.workflowId === workflowId ? s.list : null));
  const error = useVersions((s) => s.error);
  const now = useLiveClock(true, 30_000) ?? Date.now();

  useEffect(() => {
    // Only an id that is saved has versions; a new id typed in the inspector has none yet.
    if (savedId !== undefined) void store.getState().refresh(savedId);
  }, [store, savedId, savedVersion]);

  const entries = list?.versions ?? [];
  return (
    <section className="inspector-section" aria-labelledby="versions-title" data-testid="versions-section">
      <h3 className="inspector-section-title" id="versions-title">
        Versions
      </h3>
      {error !== null && <p className="field-problem sev-error">{error}</p>}
      {entries.length === 0 && error === null && (
        <p className="field-hint">
          Each save that changes the design (moving nodes does not) keeps a new version here.
        </p>
      )}
      {dirty && savedVersion !== undefined && savedId === workflowId && (
        <p className="field-hint" data-testid="versions-unsaved">
          Unsaved changes; saving them makes v{savedVersion + 1} unless only the layout changed.
        </p>
      )}
      <ol className="version-list">
        {entries.map((entry, index) => {
          const older = entries[index + 1];
          return (
            <li key={entry.version} className="version-row" data-testid={`version-${entry.version}`}>
              <span className="version-number">v{entry.version}</span>
              {entry.version === list?.current && <span className="badge version-current">current</span>}
              <span className="version-time" title={formatTimestamp(entry.savedAt)}>
                {formatAgo(entry.savedAt, now)}
              </span>
              <span className="version-actions">
                {older !== undefined && (
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm"
                    title={`What changed from v${older.version} to v${entry.version}, on the canvas`}
                    onClick={() => void store.getState().openCompare(older.version, entry.version)}
                  >
                    Diff
                  </button>
                )}
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  title={`Replay the workflow's last runs through v${entry.version}`}
                  onClick={() => store.getState().openCheck(entry.version)}
                >
                  Replay
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
