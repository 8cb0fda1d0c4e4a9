import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { changedPaths, forkChangesOf, isForkStart, type RunFold } from '#engine';
import { parentLabel } from '../run-model/run-lineage.js';
import { eventAt } from '../run-model/timeline.js';
import { formatDuration, formatTimestamp, runDurationMs } from '../run-model/run-format.js';
import { decisionRight, type DecisionRight } from '#shared';
import { useIdentity, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { DecisionDialog, type DecisionTarget } from './DecisionDialog.js';
import { ForkDialog } from './ForkDialog.js';
import { SignalDialog } from './SignalDialog.js';
import { RunTriggerBadge } from './RunTriggerBadge.js';
import { StatusPill } from './StatusPill.js';
import { approvalTargets, signalTargets } from './run-targets.js';
import './fork.css';
import { useRunView } from './run-view-context.js';
import { useHandledErrors } from './useHandledErrors.js';
import type { RunCommands } from './useRunCommands.js';

type Dialog =
  | { kind: 'fork' }
  | { kind: 'signal' }
  | { kind: 'decide'; target: DecisionTarget; decision: 'approved' | 'rejected' }
  | null;

/** The run's identity (id, status, workflow@version, parent) and everything one can do with it. */
export const RunHeader = memo(function RunHeader({
  commands,
  seq,
  base,
}: {
  commands: RunCommands;
  seq: number;
  /** The state after `seq`: what a fork from here starts from. */
  base: RunFold;
}) {
  const { nav } = useStores();
  const { run, head, doc, status, first } = useRunView(
    useShallow((s) => ({
      run: s.run,
      head: s.timeline?.head,
      doc: s.doc,
      status: s.timeline?.head.status,
      first: s.timeline === null ? undefined : eventAt(s.timeline, 1),
    })),
  );
  const handled = useHandledErrors();
  const me = useIdentity((s) => s.me);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (run === null) return null;
  const rightOf = (target: DecisionTarget): DecisionRight =>
    me === null ? { canDecide: false, reason: 'sign in to decide' } : decisionRight(target, me);
  const approvals = approvalTargets(head);
  const signals = signalTargets(head, doc);
  const live = status === 'running' || status === 'waiting';
  const readOnly = run.imported === true;
  const parent = parentLabel(run);
  const changed = first !== undefined && isForkStart(first) ? changedPaths(forkChangesOf(first.data ?? {})) : [];
  const shownStatus = status ?? run.status;

  return (
    <header className="run-header" data-testid="run-header">
      <button
        type="button"
        className="btn btn-ghost btn-sm run-back"
        onClick={() => nav.getState().navigate({ page: 'runs' })}
      >
        <Icon name="chevronDown" size={14} className="rotate-90" /> Runs
      </button>
      <div className="run-ident">
        <div className="run-ident-top">
          <h1 className="run-id" data-testid="run-id" title={run.id}>
            {run.id}
          </h1>
          <StatusPill status={shownStatus} handledErrors={handled} testId="run-status" />
          {run.trigger !== undefined && <RunTriggerBadge trigger={run.trigger} showTime />}
          {readOnly && (
            <span className="badge" title="Imported from a run bundle: history only">
              <Icon name="bundle" size={12} /> imported · read-only
            </span>
          )}
        </div>
        <div className="run-ident-meta">
          <span className="run-workflow" data-testid="run-workflow">
            {run.workflowId}
            <span className="run-version">v{run.version}</span>
          </span>
          <span className="run-meta-sep" />
          <span title={run.startedAt}>started {formatTimestamp(run.startedAt)}</span>
          {run.endedAt !== undefined && (
            <>
              <span className="run-meta-sep" />
              <span>took {formatDuration(runDurationMs(run, Date.now()))}</span>
            </>
          )}
          {parent !== undefined && run.parentRun !== undefined && (
            <>
              <span className="run-meta-sep" />
              <button
                type="button"
                className="link-button"
                data-testid="run-parent"
                onClick={() => nav.getState().navigate({ page: 'run', runId: run.parentRun ?? '' })}
              >
                ↳ {run.forkSeq === undefined ? 'child of' : 'forked from'} {parent}
              </button>
              {changed.length > 0 && (
                <span className="run-fork-changes" data-testid="run-fork-changes" title={changed.join('\n')}>
                  changed: <span className="mono">{changed.join(', ')}</span>
                </span>
              )}
            </>
          )}
        </div>
      </div>
      <div className="run-actions">
        {!readOnly &&
          approvals.map((target) => {
            const right = rightOf(target);
            const reason = right.canDecide ? undefined : right.reason;
            return (
              <div key={target.node} className="run-action-group" aria-label={`Approval ${target.node}`} title={reason}>
                <button
                  type="button"
                  className="btn btn-sm btn-success"
                  data-testid={`approve-${target.node}`}
                  disabled={!right.canDecide}
                  aria-describedby={reason === undefined ? undefined : `why-${target.node}`}
                  onClick={() => setDialog({ kind: 'decide', target, decision: 'approved' })}
                >
                  <Icon name="check" size={14} /> Approve
                </button>
                <button
                  type="button"
                  className="btn btn-sm btn-danger-outline"
                  data-testid={`reject-${target.node}`}
                  disabled={!right.canDecide}
                  aria-describedby={reason === undefined ? undefined : `why-${target.node}`}
                  onClick={() => setDialog({ kind: 'decide', target, decision: 'rejected' })}
                >
                  <Icon name="close" size={14} /> Reject
                </button>
                {reason !== undefined && (
                  <span className="run-action-why" id={`why-${target.node}`} data-testid={`why-${target.node}`}>
                    <Icon name="lock" size={12} /> not yours to decide
                  </span>
                )}
              </div>
            );
          })}
        {!readOnly && signals.length > 0 && (
          <button
            type="button"
            className="btn btn-sm"
            data-testid="btn-signal"
            onClick={() => setDialog({ kind: 'signal' })}
          >
            <Icon name="send" size={14} /> Signal
          </button>
        )}
        <span className="run-actions-sep" />
        <button
          type="button"
          className="btn btn-sm"
          data-testid="btn-fork"
          disabled={seq < 1 || run.parentNode !== undefined}
          title={
            run.parentNode !== undefined
              ? 'Fork the top-level run instead'
              : `Start a new run from the state after #${seq}`
          }
          onClick={() => setDialog({ kind: 'fork' })}
        >
          <Icon name="fork" size={14} /> Fork from #{seq}
        </button>
        <button type="button" className="btn btn-sm" data-testid="btn-replay" onClick={commands.replayCheck}>
          <Icon name="replay" size={14} /> Replay check
        </button>
        <button type="button" className="btn btn-sm" data-testid="btn-export-run" onClick={commands.exportBundle}>
          <Icon name="download" size={14} /> Export bundle
        </button>
        {live && !readOnly && (
          <button
            type="button"
            className="btn btn-sm btn-danger-outline"
            data-testid="btn-cancel-run"
            onClick={commands.cancel}
          >
            <Icon name="stop" size={13} /> Cancel
          </button>
        )}
      </div>
      {dialog?.kind === 'fork' && (
        <ForkDialog runId={run.id} seq={seq} base={base} onFork={commands.fork} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'signal' && (
        <SignalDialog targets={signals} onSend={commands.signal} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'decide' && (
        <DecisionDialog
          target={dialog.target}
          decision={dialog.decision}
          onDecide={commands.decide}
          onClose={() => setDialog(null)}
        />
      )}
    </header>
  );
});
