import { useState, type ReactNode } from 'react';
import type { ForkChanges } from '#shared';
import type { RunFold } from '#engine';
import { DialogError, DialogFooter } from '../ui/DialogFooter.js';
import { Modal } from '../ui/Modal.js';
import { submitHandler, useDialogSubmit } from '../ui/use-dialog-submit.js';
import { changeableSteps, draftChanges, initialDraft, jsonText, type ForkDraft } from './fork-draft.js';
import './fork.css';

interface ForkDialogProps {
  runId: string;
  seq: number;
  /** The state after `seq`, which the fork starts from. */
  base: Pick<RunFold, 'vars' | 'input' | 'steps'>;
  onFork: (seq: number, changes: ForkChanges) => Promise<string | undefined>;
  onClose: () => void;
}

type Tab = 'vars' | 'input' | 'output';

const TABS: { tab: Tab; label: string }[] = [
  { tab: 'vars', label: 'vars' },
  { tab: 'input', label: 'input' },
  { tab: 'output', label: 'Step output' },
];

/**
 * Fork from the selected event, as a what-if: edit `vars`, the run `input` and the output of any
 * step that completed by then; a new run starts from that state with the changes and runs live.
 */
export function ForkDialog({ runId, seq, base, onFork, onClose }: ForkDialogProps) {
  const steps = changeableSteps(base);
  const [draft, setDraft] = useState<ForkDraft>(() => initialDraft(base));
  const [tab, setTab] = useState<Tab>('vars');
  const [node, setNode] = useState(steps[steps.length - 1] ?? '');
  const { error, setError, busy, attempt } = useDialogSubmit(onClose);
  const result = draftChanges(draft, base);
  const paths = result.ok ? result.paths : [];
  const changed = (t: Tab): boolean =>
    paths.some((p) => (t === 'output' ? p.startsWith('steps.') : p === t || p.startsWith(`${t}.`)));
  const invalid = (t: Tab): boolean =>
    !result.ok && (t === 'output' ? typeof result.field === 'object' : result.field === t);

  const edit = (change: Partial<ForkDraft>): void => {
    setDraft((d) => ({ ...d, ...change }));
    setError(undefined);
  };

  const submit = async (): Promise<void> => {
    if (!result.ok) {
      setTab(typeof result.field === 'object' ? 'output' : result.field);
      if (typeof result.field === 'object') setNode(result.field.node);
      setError(result.message);
      return;
    }
    await attempt(() => onFork(seq, result.changes));
  };

  return (
    <Modal
      title={`Fork from #${seq}`}
      onClose={onClose}
      width={560}
      testId="fork-dialog"
      footer={
        <DialogFooter form="fork-form" onCancel={onClose} disabled={busy} testId="fork-start">
          {busy ? 'Starting…' : 'Start fork'}
        </DialogFooter>
      }
    >
      <form id="fork-form" className="dialog-field" onSubmit={submitHandler(submit)}>
        <p className="dialog-text">
          A new run starts from the state of <code>{runId}</code> after event #{seq} and runs live from there. Change
          what you want to try; nothing before #{seq} runs again.
        </p>
        <div className="fork-tabs" role="tablist" aria-label="What to change">
          {TABS.map(({ tab: t, label }) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`fork-tab-${t}`}
              aria-selected={tab === t}
              aria-controls="fork-panel"
              className={`fork-tab ${invalid(t) ? 'is-invalid' : ''}`}
              data-testid={`fork-tab-${t}`}
              onClick={() => setTab(t)}
            >
              {label}
              {changed(t) && <span className="fork-tab-dot" aria-label="changed" />}
            </button>
          ))}
        </div>
        <div className="fork-panel" id="fork-panel" role="tabpanel">
          {tab === 'vars' && (
            <JsonField
              id="fork-vars"
              label="vars"
              value={draft.vars}
              invalid={invalid('vars')}
              onChange={(vars) => edit({ vars })}
              hint={<>Merged into the run&apos;s vars at #{seq}; keys you leave out keep their values.</>}
            />
          )}
          {tab === 'input' && (
            <JsonField
              id="fork-input"
              label="input"
              value={draft.input}
              invalid={invalid('input')}
              onChange={(input) => edit({ input })}
              hint="Replaces the run's input (and the start node's output); checked against the workflow's input schema."
            />
          )}
          {tab === 'output' &&
            (steps.length === 0 ? (
              <span className="dialog-hint">No step has completed by #{seq}: there is no output to change.</span>
            ) : (
              <>
                <label className="dialog-label" htmlFor="fork-step">
                  Step
                </label>
                <select id="fork-step" className="select" value={node} onChange={(e) => setNode(e.target.value)}>
                  {steps.map((id) => (
                    <option key={id} value={id}>
                      {id}
                      {draft.outputs[id] !== undefined && paths.includes(`steps.${id}.output`) ? ' (changed)' : ''}
                    </option>
                  ))}
                </select>
                <JsonField
                  id="fork-output"
                  label={`steps.${node}.output`}
                  value={draft.outputs[node] ?? jsonText(base.steps[node]?.output)}
                  invalid={!result.ok && typeof result.field === 'object' && result.field.node === node}
                  onChange={(text) => edit({ outputs: { ...draft.outputs, [node]: text } })}
                  hint={`Replaces the output ${node} recorded: what later nodes read as steps.${node}.output.`}
                />
              </>
            ))}
        </div>
        <p className="fork-summary" data-testid="fork-changes">
          {paths.length === 0 ? (
            'No changes: the fork starts from the state as recorded.'
          ) : (
            <>
              Changes: <span className="fork-summary-paths">{paths.join(', ')}</span>
            </>
          )}
        </p>
        <DialogError error={error} />
      </form>
    </Modal>
  );
}

interface JsonFieldProps {
  id: string;
  label: string;
  value: string;
  invalid: boolean;
  onChange: (text: string) => void;
  hint: ReactNode;
}

function JsonField({ id, label, value, invalid, onChange, hint }: JsonFieldProps) {
  return (
    <>
      <label className="dialog-label mono" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="textarea input-mono fork-vars"
        rows={10}
        spellCheck={false}
        value={value}
        data-autofocus={id === 'fork-vars' ? true : undefined}
        aria-invalid={invalid}
        onChange={(event) => onChange(event.target.value)}
      />
      <span className="dialog-hint">{hint}</span>
    </>
  );
}
