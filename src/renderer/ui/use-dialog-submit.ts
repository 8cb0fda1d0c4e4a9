import { useState, type FormEvent } from 'react';

/**
 * The state of a dialog whose action answers with a failure message (or undefined on
 * success): busy while the action runs, closed when it succeeds, the message shown when not.
 */
export function useDialogSubmit(onClose: () => void) {
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const attempt = async (action: () => Promise<string | undefined>): Promise<void> => {
    setBusy(true);
    const failure = await action();
    setBusy(false);
    if (failure === undefined) onClose();
    else setError(failure);
  };
  return { error, setError, busy, attempt };
}

/** A form's submit handler: no page navigation, the dialog's own submit instead. */
export function submitHandler(submit: () => Promise<void>): (event: FormEvent) => void {
  return (event) => {
    event.preventDefault();
    void submit();
  };
}
