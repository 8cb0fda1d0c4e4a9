import { RUN_STATUSES, RunStatus } from '#shared';
import { memo, useEffect, useState } from 'react';
import type { RunFilters as Filters, TimeRange } from '../stores/runs-store.js';
import { Icon } from '../ui/Icon.js';

const RANGES: readonly { value: TimeRange; label: string }[] = [
  { value: 'all', label: 'Any time' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: 'custom', label: 'Custom range…' },
];

function isStatus(value: string): value is RunStatus {
  return RunStatus.safeParse(value).success;
}

function isRange(value: string): value is TimeRange {
  return RANGES.some((r) => r.value === value);
}

/** Status, workflow, time range and free text: each change asks the backend again. */
export const RunsFilters = memo(function RunsFilters({
  filters,
  workflowIds,
  triggerIds,
  onChange,
}: {
  filters: Filters;
  workflowIds: readonly string[];
  /** Triggers that started runs in the list: the filter shows only once there are some. */
  triggerIds: readonly string[];
  onChange: (patch: Partial<Filters>) => void;
}) {
  const [text, setText] = useState(filters.text);
  // Typing is sent once it pauses, not once per key.
  useEffect(() => {
    if (text === filters.text) return;
    const timer = setTimeout(() => onChange({ text }), 250);
    return () => clearTimeout(timer);
  }, [text, filters.text, onChange]);

  return (
    <div className="runs-filters" role="search" aria-label="Filter runs">
      <div className="filter-search">
        <Icon name="search" size={14} />
        <input
          className="input"
          placeholder="Run id or workflow"
          aria-label="Search runs"
          data-testid="runs-search"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <select
        className="select filter-select"
        aria-label="Status"
        data-testid="filter-status"
        value={filters.status}
        onChange={(event) => onChange({ status: isStatus(event.target.value) ? event.target.value : '' })}
      >
        <option value="">All statuses</option>
        {RUN_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <IdSelect
        label="Workflow"
        testId="filter-workflow"
        allLabel="All workflows"
        value={filters.workflowId}
        ids={workflowIds}
        onChange={(workflowId) => onChange({ workflowId })}
      />
      {triggerIds.length > 0 && (
        <IdSelect
          label="Trigger"
          testId="filter-trigger"
          allLabel="All triggers"
          value={filters.trigger}
          ids={triggerIds}
          onChange={(trigger) => onChange({ trigger })}
        />
      )}
      <select
        className="select filter-select"
        aria-label="Time range"
        data-testid="filter-range"
        value={filters.range}
        onChange={(event) => onChange({ range: isRange(event.target.value) ? event.target.value : 'all' })}
      >
        {RANGES.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      {filters.range === 'custom' && (
        <div className="filter-custom">
          <input
            type="datetime-local"
            className="input"
            aria-label="From"
            value={filters.from}
            onChange={(event) => onChange({ from: event.target.value })}
          />
          <span className="muted">to</span>
          <input
            type="datetime-local"
            className="input"
            aria-label="To"
            value={filters.to}
            onChange={(event) => onChange({ to: event.target.value })}
          />
        </div>
      )}
    </div>
  );
});

/** One of `ids`, or all of them (the empty value). */
function IdSelect({
  label,
  testId,
  allLabel,
  value,
  ids,
  onChange,
}: {
  label: string;
  testId: string;
  allLabel: string;
  value: string;
  ids: readonly string[];
  onChange: (id: string) => void;
}) {
  return (
    <select
      className="select filter-select"
      aria-label={label}
      data-testid={testId}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{allLabel}</option>
      {ids.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </select>
  );
}
