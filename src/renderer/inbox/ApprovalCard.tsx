import { approverMatches, type ApprovalInfo, type Identity } from '#shared';
import { memo, useState } from 'react';
import { formatAgo, formatTimestamp, formatUntil } from '../run-model/run-format.js';
import { Icon } from '../ui/Icon.js';

interface ApprovalCardProps {
  approval: ApprovalInfo;
  me: Identity;
  pending: 'approved' | 'rejected' | undefined;
  failure: string | undefined;
  now: number;
  onDecide: (approval: ApprovalInfo, decision: 'approved' | 'rejected', comment: string) => void;
  onOpenRun: (runId: string) => void;
}

/** One waiting approval: what is asked, of whom, since when; approve or reject with a comment. */
export const ApprovalCard = memo(function ApprovalCard({
  approval,
  me,
  pending,
  failure,
  now,
  onDecide,
  onOpenRun,
}: ApprovalCardProps) {
  const [comment, setComment] = useState('');
  // The backend says whether the caller may decide (the same rule it enforces).
  const canDecide = approval.canDecide && pending === undefined;
  const why = approval.canDecide ? undefined : (approval.reason ?? 'you may not decide this approval');
  const testKey = `${approval.runId}-${approval.node}`;
  return (
    <article className="approval-card" data-testid={`approval-${testKey}`} aria-label={approval.title}>
      <div className="approval-main">
        <div className="approval-icon">
          <Icon name="approval" size={18} />
        </div>
        <div className="approval-body">
          <h2 className="approval-title">{approval.title}</h2>
          {approval.description !== undefined && <p className="approval-desc">{approval.description}</p>}
          <dl className="approval-meta">
            <div>
              <dt>Run</dt>
              <dd>
                <button
                  type="button"
                  className="link-button mono"
                  data-testid={`approval-run-${testKey}`}
                  onClick={() => onOpenRun(approval.runId)}
                >
                  {approval.runId}
                </button>
              </dd>
            </div>
            <div>
              <dt>Workflow</dt>
              <dd title={approval.workflowId}>
                {approval.workflowId}
                <span className="run-version">v{approval.version}</span>
              </dd>
            </div>
            <div>
              <dt>Node</dt>
              <dd className="approval-node mono" data-testid={`approval-node-${testKey}`}>
                {approval.node}
              </dd>
            </div>
            <div>
              <dt>Waiting since</dt>
              <dd title={formatTimestamp(approval.waitingSince)}>{formatAgo(approval.waitingSince, now)}</dd>
            </div>
            <div>
              <dt>Times out</dt>
              <dd title={approval.timeoutAt === undefined ? undefined : formatTimestamp(approval.timeoutAt)}>
                {approval.timeoutAt === undefined ? (
                  <span className="muted">never</span>
                ) : (
                  formatUntil(approval.timeoutAt, now)
                )}
              </dd>
            </div>
            <div>
              <dt>Approvers</dt>
              <dd className="approver-chips">
                {approval.approvers.length === 0 ? (
                  <span className="muted">anyone</span>
                ) : (
                  approval.approvers.map((a) => (
                    <span key={a} className={`approver-chip ${approverMatches(a, me) ? 'is-me' : ''}`}>
                      {a}
                    </span>
                  ))
                )}
              </dd>
            </div>
          </dl>
          {(approval.minApprovals > 1 || approval.approvals.length > 0) && (
            <p className="approval-progress">
              {approval.approvals.filter((a) => a.decision === 'approved').length} of {approval.minApprovals} approvals
              {approval.approvals.length > 0 &&
                ` · ${approval.approvals.map((a) => `${a.by} ${a.decision}`).join(', ')}`}
            </p>
          )}
        </div>
      </div>
      <div className="approval-decide">
        <textarea
          className="textarea approval-comment"
          rows={2}
          placeholder="Comment (optional)"
          aria-label={`Comment on ${approval.title}`}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
        <div className="approval-buttons" title={why}>
          <button
            type="button"
            className="btn btn-danger-outline"
            disabled={!canDecide}
            aria-describedby={`as-${testKey}`}
            data-testid={`reject-${testKey}`}
            onClick={() => onDecide(approval, 'rejected', comment)}
          >
            <Icon name="close" size={14} /> {pending === 'rejected' ? 'Rejecting…' : 'Reject'}
          </button>
          <button
            type="button"
            className="btn btn-success"
            disabled={!canDecide}
            aria-describedby={`as-${testKey}`}
            data-testid={`approve-${testKey}`}
            onClick={() => onDecide(approval, 'approved', comment)}
          >
            <Icon name="check" size={14} /> {pending === 'approved' ? 'Approving…' : 'Approve'}
          </button>
        </div>
        <p
          className={`approval-as ${why === undefined ? '' : 'is-warning'}`}
          id={`as-${testKey}`}
          data-testid={`approval-as-${testKey}`}
        >
          {why === undefined ? (
            <>
              as <strong>{me.name}</strong>
            </>
          ) : (
            <>
              <Icon name="lock" size={12} /> {why}
            </>
          )}
        </p>
        {failure !== undefined && (
          <p className="dialog-error" role="alert">
            {failure}
          </p>
        )}
      </div>
    </article>
  );
});
