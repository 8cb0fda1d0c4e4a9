import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { snapshotAt } from '../run-model/run-snapshot.js';
import { executionsUpTo } from '../run-model/node-index.js';
import { latestEventOf } from '../run-model/timeline.js';
import { createRunViewStore, shownSeq, type RunViewStore } from '../stores/run-view-store.js';
import { useStores } from '../stores/stores-context.js';
import { ReplayBanner } from './ReplayBanner.js';
import { RunCanvas } from './RunCanvas.js';
import { RunHeader } from './RunHeader.js';
import { RunSidePanel } from './RunSidePanel.js';
import { Timeline } from './Timeline.js';
import { RunViewProvider, useRunView, useRunViewStore } from './run-view-context.js';
import { useRunCommands } from './useRunCommands.js';
import { useTimelineKeys } from './useTimelineKeys.js';
import { useLiveClock } from './useLiveClock.js';
import './run-view.css';
import './timeline.css';
import './json-tree.css';

/** One run: header and actions, the canvas at the selected event, the timeline and the context. */
export function RunView({ runId }: { runId: string }) {
  const { transport } = useStores();
  const [store] = useState<RunViewStore>(() =>
    createRunViewStore(runId, { api: transport, subscribe: (listener) => transport.subscribe(listener) }),
  );
  useEffect(() => {
    void store.getState().load();
    return () => store.getState().dispose();
  }, [store]);
  return (
    <RunViewProvider store={store}>
      <RunViewBody />
    </RunViewProvider>
  );
}

function RunViewBody() {
  const { status, error } = useRunView(useShallow((s) => ({ status: s.status, error: s.error })));
  useTimelineKeys();
  if (status === 'loading') return <div className="run-view-message">Loading the run…</div>;
  if (status === 'error')
    return (
      <div className="run-view-message is-error" role="alert" data-testid="run-error">
        {error}
      </div>
    );
  return <RunViewReady />;
}

const RunViewReady = memo(function RunViewReady() {
  const { timeline, index, doc, selected, replay, selectedNode } = useRunView(
    useShallow((s) => ({
      timeline: s.timeline,
      index: s.index,
      doc: s.doc,
      selected: s.selected,
      replay: s.replay,
      selectedNode: s.selectedNode,
    })),
  );
  const commands = useRunCommands();
  const seq = shownSeq({ timeline, selected });
  const diverged = replay !== null && !replay.verdict.clean ? (replay.verdict.node ?? undefined) : undefined;
  const nodeIds = useMemo(() => doc?.nodes.map((n) => n.id) ?? [], [doc]);
  const live = timeline !== null && (timeline.head.status === 'running' || timeline.head.status === 'waiting');
  const now = useLiveClock(live && selected === null);
  const snapshot = useMemo(
    () => (timeline === null ? null : snapshotAt(timeline, index, seq, nodeIds, diverged, now)),
    [timeline, index, seq, nodeIds, diverged, now],
  );
  // The tree may be large: let it trail the slider rather than hold it up.
  const shownContext = useDeferredValue(snapshot);
  const store = useRunViewStore();
  const jumpToNode = useCallback(
    (node: string) => {
      const state = store.getState();
      state.selectNode(node);
      const seq = state.timeline === null ? undefined : latestEventOf(state.timeline, node);
      if (seq !== undefined) state.select(seq);
    },
    [store],
  );
  const forkable = useRunView((s) => s.run !== null && s.run.parentNode === undefined);
  const retry = useCallback(
    (node: string) => {
      const state = store.getState();
      const list = state.index.executions.get(node) ?? [];
      const last = list[executionsUpTo(list, shownSeq(state)) - 1];
      if (last !== undefined) commands.retryFrom(node, last.enteredSeq);
    },
    [store, commands],
  );
  if (snapshot === null || timeline === null) return null;
  return (
    <div className="run-view" data-testid="run-view">
      <RunHeader commands={commands} seq={seq} base={snapshot.fold} />
      <ReplayBanner />
      <div className="run-view-body">
        <div className="run-view-main">
          <div className="run-view-canvas">
            {doc !== null ? (
              <RunCanvas
                doc={doc}
                statuses={snapshot.nodes}
                taken={snapshot.taken}
                focusNode={snapshot.event?.node ?? snapshot.fold.active.at(-1)?.node}
                onNodeClick={jumpToNode}
                {...(forkable ? { onRetry: retry } : {})}
                selectedNode={selectedNode}
              />
            ) : (
              <div className="run-view-message">This run has no workflow to draw.</div>
            )}
          </div>
          <Timeline seq={seq} live={live} />
        </div>
        {shownContext !== null && <RunSidePanel snapshot={shownContext} />}
      </div>
    </div>
  );
});
