import { useState } from 'react';
import { DialogError, DialogFooter } from '../ui/DialogFooter.js';
import { Modal } from '../ui/Modal.js';
import { submitHandler, useDialogSubmit } from '../ui/use-dialog-submit.js';
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
  const { error, setError, busy, attempt } = useDialogSubmit(onClose);

  const submit = async (): Promise<void> => {
    const parsed = parseTypedJson(text);
    const value = parsed.ok ? (parsed.value ?? {}) : undefined;
    if (!parsed.ok || !isJsonObject(value)) {
      setError(parsed.ok ? 'vars must be a JSON object, e.g. {"limit": 5}' : parsed.message);
      return;
    }
    await attempt(() => onFork(seq, value));
  };

  return (
    <Modal
      title={`Fork from #${seq}`}
      onClose={onClose}
      width={520}
      testId="fork-dialog"
      footer={
        <DialogFooter form="fork-form" onCancel={onClose} disabled={busy} testId="fork-start">
          {busy ? 'Starting…' : 'Start fork'}
        </DialogFooter>
      }
    >
      <form id="fork-form" className="dialog-field" onSubmit={submitHandler(submit)}>
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
        <DialogError error={error} />
      </form>
    </Modal>
  );
}
