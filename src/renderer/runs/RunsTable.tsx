import type { RunRecord } from '#shared';
import { memo, useMemo } from 'react';
import { formatAgo, formatDuration, formatTimestamp, runDurationMs } from '../run-model/run-format.js';
import { parentLabel, withLineage } from '../run-model/run-lineage.js';
import { RunTriggerBadge } from './RunTriggerBadge.js';
import { StatusPill } from './StatusPill.js';

/** Every run matching the filters: forks indented under their parent, newest first. */
export const RunsTable = memo(function RunsTable({
  runs,
  onOpen,
}: {
  runs: readonly RunRecord[];
  onOpen: (runId: string) => void;
}) {
  const rows = useMemo(() => withLineage(runs), [runs]);
  const now = Date.now();
  return (
    <table className="runs-table" data-testid="runs-table">
      <thead>
        <tr>
          <th className="col-status">Status</th>
          <th className="col-run">Run</th>
          <th className="col-workflow">Workflow</th>
          <th className="col-started">Started</th>
          <th className="col-duration">Duration</th>
          <th className="col-parent">Parent</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ run, depth }) => {
          const parent = parentLabel(run);
          return (
            <tr
              key={run.id}
              className="runs-row"
              data-testid={`run-row-${run.id}`}
              tabIndex={0}
              onClick={() => onOpen(run.id)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onOpen(run.id);
              }}
            >
              <td className="col-status">
                <StatusPill status={run.status} />
              </td>
              <td className="col-run">
                <span className="run-cell" style={{ paddingLeft: depth * 18 }}>
                  {depth > 0 && <span className="lineage-hook">↳</span>}
                  <span className="mono">{run.id}</span>
                  {run.imported === true && <span className="badge">imported</span>}
                  {run.trigger !== undefined && <RunTriggerBadge trigger={run.trigger} />}
                </span>
              </td>
              <td className="col-workflow">
                {run.workflowId}
                <span className="run-version">v{run.version}</span>
              </td>
              <td className="col-started" title={formatTimestamp(run.startedAt)}>
                {formatAgo(run.startedAt, now)}
              </td>
              <td className="col-duration">
                {run.endedAt === undefined ? (
                  <span className="muted">{formatDuration(runDurationMs(run, now))}…</span>
                ) : (
                  formatDuration(runDurationMs(run, now))
                )}
              </td>
              <td className="col-parent">
                {parent === undefined ? (
                  <span className="muted">–</span>
                ) : (
                  <span className="mono" title={run.forkSeq === undefined ? 'child run' : 'fork'}>
                    ↳ {parent}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
