import { useState } from 'react';
import { useStores, usePrefs } from '../stores/stores-context.js';
import { DialogError, DialogFooter } from '../ui/DialogFooter.js';
import { Modal } from '../ui/Modal.js';
import { submitHandler, useDialogSubmit } from '../ui/use-dialog-submit.js';

export interface DecisionTarget {
  node: string;
  title: string;
  approvers: readonly string[];
}

interface DecisionDialogProps {
  target: DecisionTarget;
  decision: 'approved' | 'rejected';
  onDecide: (node: string, decision: 'approved' | 'rejected', comment: string) => Promise<string | undefined>;
  onClose: () => void;
}

/** Approve or reject a waiting approval with a comment, as the user named in preferences. */
export function DecisionDialog({ target, decision, onDecide, onClose }: DecisionDialogProps) {
  const { prefs } = useStores();
  const userName = usePrefs((s) => s.userName);
  const [name, setName] = useState(userName);
  const [comment, setComment] = useState('');
  const { error, setError, busy, attempt } = useDialogSubmit(onClose);
  const approve = decision === 'approved';

  const submit = async (): Promise<void> => {
    if (name.trim() === '') {
      setError('Say who you are: decisions are recorded with your name');
      return;
    }
    if (name.trim() !== userName) prefs.getState().setUserName(name);
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
        <label className="dialog-label" htmlFor="decision-by">
          Your name
        </label>
        <input id="decision-by" className="input" value={name} onChange={(e) => setName(e.target.value)} />
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
