import { useState } from 'react';
import { useIdentity } from '../stores/stores-context.js';
import { DialogError, DialogFooter } from '../ui/DialogFooter.js';
import { Modal } from '../ui/Modal.js';
import { submitHandler, useDialogSubmit } from '../ui/use-dialog-submit.js';

export interface DecisionTarget {
  node: string;
  title: string;
  approvers: readonly string[];
  /** Who has decided so far (approvals that need several people). */
  decidedBy: readonly string[];
}

interface DecisionDialogProps {
  target: DecisionTarget;
  decision: 'approved' | 'rejected';
  onDecide: (node: string, decision: 'approved' | 'rejected', comment: string) => Promise<string | undefined>;
  onClose: () => void;
}

/** Approve or reject a waiting approval with a comment, as the current user (not editable). */
export function DecisionDialog({ target, decision, onDecide, onClose }: DecisionDialogProps) {
  const name = useIdentity((s) => s.me?.name ?? '');
  const [comment, setComment] = useState('');
  const { error, busy, attempt } = useDialogSubmit(onClose);
  const approve = decision === 'approved';

  const submit = async (): Promise<void> => {
    await attempt(() => onDecide(target.node, decision, comment));
  };

  return (
    <Modal
      title={approve ? 'Approve' : 'Reject'}
      onClose={onClose}
      width={480}
      testId="decision-dialog"
      footer={
        <DialogFooter
          form="decision-form"
          onCancel={onClose}
          disabled={busy}
          tone={approve ? 'btn-success' : 'btn-danger'}
          testId="decision-submit"
        >
          {approve ? 'Approve' : 'Reject'}
        </DialogFooter>
      }
    >
      <form id="decision-form" className="dialog-field" onSubmit={submitHandler(submit)}>
        <p className="dialog-text decision-title">{target.title}</p>
        {target.approvers.length > 0 && <p className="dialog-hint">Approvers: {target.approvers.join(', ')}</p>}
        <p className="dialog-hint" data-testid="decision-as">
          Recorded as <strong>{name}</strong>
        </p>
        <label className="dialog-label" htmlFor="decision-comment">
          Comment
        </label>
        <textarea
          id="decision-comment"
          className="textarea"
          rows={3}
          value={comment}
          data-autofocus
          placeholder="Optional: why"
          onChange={(e) => setComment(e.target.value)}
        />
        <DialogError error={error} />
      </form>
    </Modal>
  );
}
