import type { ApprovalInfo } from '#shared';
import { useCallback, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { shortRunId } from '../run-model/run-format.js';
import { approvalKey } from '../stores/inbox-store.js';
import { useIdentity, useInbox, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { ApprovalCard } from './ApprovalCard.js';
import './inbox.css';

/** Every approval waiting across runs, oldest first. */
export function InboxPage() {
  const { inbox, nav, prefs, ui } = useStores();
  const me = useIdentity((s) => s.me);
  const { approvals, status, error, pending, failures } = useInbox(
    useShallow((s) => ({
      approvals: s.approvals,
      status: s.status,
      error: s.error,
      pending: s.pending,
      failures: s.failures,
    })),
  );
  useEffect(() => {
    void inbox.getState().refresh();
  }, [inbox]);

  const decide = useCallback(
    (approval: ApprovalInfo, decision: 'approved' | 'rejected', comment: string) => {
      void (async () => {
        const ok = await inbox.getState().decide(approval, decision, comment);
        if (ok)
          ui.getState().notify('success', `${decision === 'approved' ? 'Approved' : 'Rejected'}: ${approval.title}`, {
            label: `Open run ${shortRunId(approval.runId)}`,
            route: { page: 'run', runId: approval.runId },
          });
      })();
    },
    [inbox, ui],
  );
  const openRun = useCallback((runId: string) => nav.getState().navigate({ page: 'run', runId }), [nav]);
  const openPrefs = useCallback(() => prefs.getState().setPrefsOpen(true), [prefs]);
  const now = Date.now();

  return (
    <div className="inbox-page" data-testid="inbox-page">
      <div className="inbox-column">
        <header className="page-head">
          <div>
            <h1 className="page-title">
              Approvals inbox
              {approvals.length > 0 && <span className="page-count">{approvals.length}</span>}
            </h1>
            <p className="page-sub">
              Decisions runs are waiting for. Approving or rejecting continues the run at once.
            </p>
          </div>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={openPrefs}
            data-testid="inbox-user"
            title="Decisions are recorded as you"
          >
            <Icon name="user" size={15} /> {me?.name}
          </button>
        </header>
        {status === 'error' && (
          <div className="runs-empty is-error" role="alert">
            {error}
          </div>
        )}
        {status === 'ready' && approvals.length === 0 && (
          <div className="inbox-empty" data-testid="inbox-empty">
            <Icon name="checkCircle" size={28} />
            <h2>Nothing is waiting for a decision</h2>
            <p>When a run reaches an approval node, it shows up here.</p>
          </div>
        )}
        <div className="approval-list">
          {me !== null &&
            approvals.map((approval) => {
              const key = approvalKey(approval);
              return (
                <ApprovalCard
                  key={key}
                  approval={approval}
                  me={me}
                  pending={pending[key]}
                  failure={failures[key]}
                  now={now}
                  onDecide={decide}
                  onOpenRun={openRun}
                />
              );
            })}
        </div>
      </div>
    </div>
  );
}
