import { useState } from 'react';
import { Modal } from '../ui/Modal.js';
import { isJsonObject, parseTypedJson } from './json-text.js';

interface ForkDialogProps {
  runId: string;
  seq: number;
  vars: Record<string, unknown>;
  onFork: (seq: number, vars: Record<string, unknown>) => Promise<string | undefined>;
  onClose: () => void;
}

/** Fork from the selected event: edit `vars`, then a new run starts from that state and runs live. */
export function ForkDialog({ runId, seq, vars, onFork, onClose }: ForkDialogProps) {
  const [text, setText] = useState(() => JSON.stringify(vars, null, 2));
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    const parsed = parseTypedJson(text);
    const value = parsed.ok ? (parsed.value ?? {}) : undefined;
    if (!parsed.ok || !isJsonObject(value)) {
      setError(parsed.ok ? 'vars must be a JSON object, e.g. {"limit": 5}' : parsed.message);
      return;
    }
    setBusy(true);
    const failure = await onFork(seq, value);
    setBusy(false);
    if (failure === undefined) onClose();
    else setError(failure);
  };

  return (
    <Modal
      title={`Fork from #${seq}`}
      onClose={onClose}
      width={520}
      testId="fork-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="fork-form" className="btn btn-primary" disabled={busy} data-testid="fork-start">
            {busy ? 'Starting…' : 'Start fork'}
          </button>
        </>
      }
    >
      <form
        id="fork-form"
        className="dialog-field"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="dialog-text">
          A new run starts from the state of <code>{runId}</code> after event #{seq} and runs live from there. Nothing
          before #{seq} runs again.
        </p>
        <label className="dialog-label" htmlFor="fork-vars">
          vars
        </label>
        <textarea
          id="fork-vars"
          className="textarea input-mono fork-vars"
          rows={10}
          spellCheck={false}
          value={text}
          data-autofocus
          aria-invalid={error !== undefined}
          onChange={(event) => {
            setText(event.target.value);
            setError(undefined);
          }}
        />
        <span className="dialog-hint">
          Merged into the run&apos;s vars at #{seq}; keys you leave out keep their values.
        </span>
        {error !== undefined && (
          <span className="dialog-error" role="alert">
            {error}
          </span>
        )}
      </form>
    </Modal>
  );
}
