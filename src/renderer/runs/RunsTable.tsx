import type { RunListItem, RunOrder } from '#shared';
import { memo, useMemo } from 'react';
import { formatAgo, formatDuration, formatTimestamp, runDurationMs } from '../run-model/run-format.js';
import { parentLabel, withLineage } from '../run-model/run-lineage.js';
import { outcomeSummary } from '../run-model/run-outcome.js';
import { Icon } from '../ui/Icon.js';
import { RunTriggerBadge } from './RunTriggerBadge.js';
import { StatusPill } from './StatusPill.js';

interface RunsTableProps {
  runs: readonly RunListItem[];
  /** Workflow id → its name in the workspace (runs of other workflows show the id alone). */
  names: ReadonlyMap<string, string>;
  order: RunOrder;
  onOrder: (order: RunOrder) => void;
  onOpen: (runId: string) => void;
}

/** The runs matching the filters: newest first with forks indented under their parent, or sorted. */
export const RunsTable = memo(function RunsTable({ runs, names, order, onOrder, onOpen }: RunsTableProps) {
  // Lineage nests forks under their parent, which only makes sense in start order.
  const rows = useMemo(
    () => (order === 'newest' ? withLineage(runs) : runs.map((run) => ({ run, depth: 0 }))),
    [runs, order],
  );
  const now = Date.now();
  return (
    <table className="runs-table" data-testid="runs-table">
      <thead>
        <tr>
          <th className="col-status">Status</th>
          <th className="col-run">Run</th>
          <th className="col-workflow">Workflow</th>
          <th className="col-outcome">Outcome</th>
          <SortHeader
            label="Started"
            className="col-started"
            orders={['newest', 'oldest']}
            order={order}
            onOrder={onOrder}
          />
          <SortHeader
            label="Duration"
            className="col-duration"
            orders={['longest', 'shortest']}
            order={order}
            onOrder={onOrder}
          />
          <th className="col-parent">Parent</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ run, depth }) => {
          const parent = parentLabel(run);
          const name = names.get(run.workflowId);
          const outcome = outcomeSummary(run);
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
                <StatusPill status={run.status} handledErrors={run.handledErrors} />
              </td>
              <td className="col-run">
                <span className="run-cell" style={{ paddingLeft: depth * 18 }}>
                  {depth > 0 && <span className="lineage-hook">↳</span>}
                  <span className="mono">{run.id}</span>
                  {run.imported === true && <span className="badge">imported</span>}
                  {run.trigger !== undefined && <RunTriggerBadge trigger={run.trigger} />}
                </span>
              </td>
              <td className="col-workflow" data-testid="run-workflow-cell">
                {name !== undefined && name !== run.workflowId && <span className="run-workflow-name">{name}</span>}
                <span className={name !== undefined && name !== run.workflowId ? 'run-workflow-id' : undefined}>
                  {run.workflowId}
                </span>
                <span className="run-version">v{run.version}</span>
              </td>
              <td className={`col-outcome outcome-${outcome.tone}`} title={outcome.full} data-testid="run-outcome">
                {outcome.text}
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

/** A column header that sorts the list: the first click its first order, the next the other. */
function SortHeader({
  label,
  className,
  orders,
  order,
  onOrder,
}: {
  label: string;
  className: string;
  orders: readonly [RunOrder, RunOrder];
  order: RunOrder;
  onOrder: (order: RunOrder) => void;
}) {
  const [first, second] = orders;
  const active = order === first || order === second;
  const descending = order === first;
  const next = order === first ? second : first;
  return (
    <th className={className} aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className={`th-sort ${active ? 'is-active' : ''}`}
        title={`Sort: ${next} first`}
        data-testid={`sort-${label.toLowerCase()}`}
        onClick={() => onOrder(next)}
      >
        {label}
        <Icon name={active && !descending ? 'chevronUp' : 'chevronDown'} size={12} />
      </button>
    </th>
  );
}
