import type { ReactNode } from 'react';

interface DialogFooterProps {
  /** The id of the dialog's form, which the submit button submits. */
  form: string;
  onCancel: () => void;
  disabled: boolean;
  /** The submit button's tone. */
  tone?: 'btn-primary' | 'btn-success' | 'btn-danger';
  testId?: string;
  children: ReactNode;
}

/** A dialog's Cancel and submit buttons. */
export function DialogFooter({ form, onCancel, disabled, tone = 'btn-primary', testId, children }: DialogFooterProps) {
  return (
    <>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" form={form} className={`btn ${tone}`} disabled={disabled} data-testid={testId}>
        {children}
      </button>
    </>
  );
}

/** A form's error line, announced when it appears. */
export function DialogError({ error }: { error: string | undefined }) {
  if (error === undefined) return null;
  return (
    <span className="dialog-error" role="alert">
      {error}
    </span>
  );
}
