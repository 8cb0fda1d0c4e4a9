import { useState } from 'react';
import { DialogError, DialogFooter } from '../ui/DialogFooter.js';
import { Modal } from '../ui/Modal.js';
import { submitHandler, useDialogSubmit } from '../ui/use-dialog-submit.js';
import { parseTypedJson } from './json-text.js';

export interface SignalTarget {
  node: string;
  events: readonly string[];
}

interface SignalDialogProps {
  targets: readonly SignalTarget[];
  onSend: (event: string, data: unknown) => Promise<string | undefined>;
  onClose: () => void;
}

/** Sends a signal (one of the events a waiting `wait` node listens for) with a JSON payload. */
export function SignalDialog({ targets, onSend, onClose }: SignalDialogProps) {
  const options = targets.flatMap((t) => t.events.map((event) => ({ node: t.node, event })));
  const [event, setEvent] = useState(options[0]?.event ?? '');
  const [text, setText] = useState('{}');
  const { error, setError, busy, attempt } = useDialogSubmit(onClose);

  const submit = async (): Promise<void> => {
    const parsed = parseTypedJson(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    await attempt(() => onSend(event, parsed.value));
  };

  return (
    <Modal
      title="Send a signal"
      onClose={onClose}
      width={480}
      testId="signal-dialog"
      footer={
        <DialogFooter form="signal-form" onCancel={onClose} disabled={busy || event === ''}>
          {busy ? 'Sending…' : 'Send signal'}
        </DialogFooter>
      }
    >
      <form id="signal-form" className="dialog-field" onSubmit={submitHandler(submit)}>
        <label className="dialog-label" htmlFor="signal-event">
          Event
        </label>
        <select id="signal-event" className="select" value={event} onChange={(e) => setEvent(e.target.value)}>
          {options.map((o) => (
            <option key={`${o.node}:${o.event}`} value={o.event}>
              {o.event} (node {o.node})
            </option>
          ))}
        </select>
        <label className="dialog-label" htmlFor="signal-data">
          Payload (JSON)
        </label>
        <textarea
          id="signal-data"
          className="textarea input-mono"
          rows={6}
          spellCheck={false}
          value={text}
          aria-invalid={error !== undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(undefined);
          }}
        />
        <span className="dialog-hint">Becomes the wait node&apos;s output; leave empty to send no data.</span>
        <DialogError error={error} />
      </form>
    </Modal>
  );
}
