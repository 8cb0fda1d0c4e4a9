import type { RunOrder } from '#shared';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { filterOptions } from '../run-model/filter-options.js';
import type { RunFilters as Filters } from '../stores/runs-store.js';
import { useRuns, useStores, useWorkspace } from '../stores/stores-context.js';
import { errorMessage } from '../transport/backend-error.js';
import { Icon } from '../ui/Icon.js';
import { DurationChart } from './DurationChart.js';
import { RunsFilters } from './RunsFilters.js';
import { RunsTable } from './RunsTable.js';
import './runs-page.css';

/** Every run of the workspace: filters, a chart of durations and outcomes, and the table. */
export function RunsPage() {
  const { runs: store, nav, transport, ui } = useStores();
  const { runs, status, error, filters, order, hasMore } = useRuns(
    useShallow((s) => ({
      runs: s.runs,
      status: s.status,
      error: s.error,
      filters: s.filters,
      order: s.order,
      hasMore: s.hasMore,
    })),
  );
  const files = useWorkspace((s) => s.files);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void store.getState().refresh();
    return store.getState().watch((listener) => transport.subscribe(listener));
  }, [store, transport]);

  const workflowIds = useMemo(
    () => filterOptions([...files.map((f) => f.id), ...runs.map((r) => r.workflowId)], filters.workflowId),
    [files, runs, filters.workflowId],
  );
  const triggerIds = useMemo(
    () =>
      filterOptions(
        runs.map((r) => r.trigger?.id),
        filters.trigger,
      ),
    [runs, filters.trigger],
  );

  const names = useMemo(
    () => new Map(files.flatMap((f) => (f.id !== undefined && f.name !== undefined ? [[f.id, f.name] as const] : []))),
    [files],
  );
  const onOrder = useCallback((next: RunOrder) => store.getState().setOrder(next), [store]);
  const open = useCallback((runId: string) => nav.getState().navigate({ page: 'run', runId }), [nav]);
  const onFilters = useCallback((patch: Partial<Filters>) => store.getState().setFilters(patch), [store]);
  const importFile = (file: File): void => {
    void (async () => {
      try {
        const { runId, alreadyImported } = await store.getState().importBundle(await file.text());
        ui.getState().notify('success', alreadyImported ? `Run ${runId} was already here` : `Imported run ${runId}`);
        open(runId);
      } catch (err) {
        ui.getState().notify('error', `Could not open ${file.name}: ${errorMessage(err)}`);
      }
    })();
  };

  return (
    <div className="runs-page" data-testid="runs-page">
      <header className="page-head">
        <div>
          <h1 className="page-title">Runs</h1>
          <p className="page-sub">
            Every run of this workspace, newest first (sort by start or duration). Open one to step through its history.
          </p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="btn"
            data-testid="btn-open-bundle"
            onClick={() => fileInput.current?.click()}
          >
            <Icon name="bundle" size={15} /> Open run bundle…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="bundle-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file !== undefined) importFile(file);
            }}
          />
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label="Refresh"
            onClick={() => void store.getState().refresh()}
          >
            <Icon name="retry" size={15} />
          </button>
        </div>
      </header>
      <RunsFilters filters={filters} workflowIds={workflowIds} triggerIds={triggerIds} onChange={onFilters} />
      <div className="runs-content">
        <DurationChart
          runs={runs}
          title={filters.workflowId === '' ? 'All workflows' : filters.workflowId}
          onOpen={open}
        />
        <section className="runs-table-card" aria-label="Runs">
          {status === 'error' ? (
            <div className="runs-empty is-error" role="alert">
              {error}
            </div>
          ) : runs.length === 0 ? (
            <div className="runs-empty">{status === 'ready' ? 'No runs match these filters.' : 'Loading runs…'}</div>
          ) : (
            <RunsTable runs={runs} names={names} order={order} onOrder={onOrder} onOpen={open} />
          )}
          {hasMore && (
            <button type="button" className="btn btn-sm runs-more" onClick={() => store.getState().showMore()}>
              Show more
            </button>
          )}
        </section>
      </div>
    </div>
  );
}
