import { memo } from 'react';
import type { RunSnapshot } from '../run-model/run-snapshot.js';
import { StatusPill } from './StatusPill.js';
import { JsonTree } from './JsonTree.js';
import { PinOutputButton } from './PinOutputButton.js';
import { useHandledErrors } from './useHandledErrors.js';

function changeCount(snapshot: RunSnapshot): number {
  let n = 0;
  for (const change of snapshot.changes.values()) if (change !== 'changed') n += 1;
  for (const [path, change] of snapshot.changes) {
    if (change !== 'changed') continue;
    const prefix = `${path}.`;
    if (![...snapshot.changes.keys()].some((p) => p.startsWith(prefix))) n += 1;
  }
  return n;
}

/** The state after the selected event: status, active nodes, and the context as a JSON tree. */
export const ContextPanel = memo(function ContextPanel({ snapshot }: { snapshot: RunSnapshot }) {
  const { fold, seq } = snapshot;
  const changes = changeCount(snapshot);
  const handled = useHandledErrors();
  return (
    <aside className="context-panel" aria-label="State after the selected event" data-testid="context-panel">
      <header className="context-head">
        <div className="context-title">
          State after <span className="context-seq">#{seq}</span>
        </div>
        <StatusPill
          status={fold.status}
          handledErrors={fold.status === 'completed' ? handled : undefined}
          testId="state-status"
        />
      </header>
      <PinOutputButton event={snapshot.event} />
      <div className="context-active" data-testid="state-active">
        <span className="context-label">Active</span>
        {fold.active.length === 0 ? (
          <span className="context-none">nothing</span>
        ) : (
          fold.active.map((a) => (
            <span key={a.node} className={`context-chip phase-${a.phase}`} title={`${a.kind}, ${a.phase}`}>
              {a.node}
            </span>
          ))
        )}
      </div>
      <div className="context-subhead">
        <span className="context-label">Context</span>
        <span className={`context-changes ${changes > 0 ? 'has-changes' : ''}`} data-testid="context-changes">
          {changes === 0 ? 'no changes' : `${changes} ${changes === 1 ? 'change' : 'changes'}`} since #
          {Math.max(0, seq - 1)}
        </span>
      </div>
      <div className="context-scroll">
        <JsonTree value={snapshot.context} changes={snapshot.changes} testId="context-tree" />
        {fold.output !== undefined && (
          <div className="context-output">
            <span className="context-label">Run output</span>
            <JsonTree value={{ output: fold.output }} changes={EMPTY_CHANGES} testId="run-output" />
          </div>
        )}
        {fold.error !== undefined && (
          <div className="context-error" role="note">
            <span className="context-label">Run error</span>
            <code>{fold.error.code}</code> {fold.error.message}
          </div>
        )}
      </div>
    </aside>
  );
});

const EMPTY_CHANGES = new Map<string, never>();
