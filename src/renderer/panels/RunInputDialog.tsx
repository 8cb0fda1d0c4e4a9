import type { Workflow } from '#shared';
import { useMemo, useState, type ReactNode } from 'react';
import { buildInput, initialValues, inputForm, type InputField, type InputValues } from '../run-model/input-form.js';
import { useStores } from '../stores/stores-context.js';
import { BackendError, errorMessage } from '../transport/backend-error.js';
import { DialogError, DialogFooter } from '../ui/DialogFooter.js';
import { Modal } from '../ui/Modal.js';
import { submitHandler } from '../ui/use-dialog-submit.js';
import './run-input.css';

/**
 * Run the open design: a form generated from its `input` schema, checked before it is sent. With
 * `sampleTarget` the same form starts "run to here" in the page instead of a recorded run.
 */
export function RunInputDialog({
  doc,
  onClose,
  sampleTarget,
}: {
  doc: Workflow;
  onClose: () => void;
  sampleTarget?: string;
}) {
  const { runs, nav, sampleRun } = useStores();
  const form = useMemo(() => inputForm(doc.input), [doc.input]);
  const [values, setValues] = useState<InputValues>(() => initialValues(form, doc.input));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const set = (name: string, value: string | boolean): void => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
    setServerError(undefined);
  };

  const submit = async (): Promise<void> => {
    const built = buildInput(form, values);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    if (sampleTarget !== undefined) {
      onClose();
      await sampleRun.getState().runToHere(doc, sampleTarget, built.input);
      return;
    }
    setBusy(true);
    try {
      const runId = await runs.getState().startRun(doc, built.input);
      onClose();
      nav.getState().navigate({ page: 'run', runId });
    } catch (err) {
      const invalid = err instanceof BackendError && (err.code === 'INVALID_INPUT' || err.code === 'INVALID_WORKFLOW');
      setServerError(invalid ? err.message : `Could not start the run: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={sampleTarget === undefined ? `Run ${doc.name}` : `Run to ${sampleTarget}`}
      onClose={onClose}
      width={520}
      testId="run-dialog"
      footer={
        <DialogFooter form="run-form" onCancel={onClose} disabled={busy} testId="run-start">
          {busy ? 'Starting…' : sampleTarget === undefined ? 'Start run' : 'Run to here'}
        </DialogFooter>
      }
    >
      <form id="run-form" className="run-form" noValidate onSubmit={submitHandler(submit)}>
        {sampleTarget === undefined ? (
          <p className="dialog-text">
            Runs <strong>{doc.id}</strong> v{doc.version} as it is on the canvas, then opens the run.
          </p>
        ) : (
          <p className="dialog-text">
            Runs the design in this page up to <strong>{sampleTarget}</strong>, with pinned sample data instead of real
            calls. Nothing is recorded.
          </p>
        )}
        {form.mode === 'none' && <p className="dialog-hint">This workflow takes no input.</p>}
        {form.mode === 'json' && (
          <FieldRow label="Input (JSON)" name="$json" error={errors['$json']} required>
            <textarea
              id="run-field-$json"
              className="textarea input-mono"
              rows={6}
              spellCheck={false}
              value={String(values['$json'] ?? '')}
              onChange={(event) => set('$json', event.target.value)}
            />
          </FieldRow>
        )}
        {form.mode === 'fields' &&
          form.fields.map((field) => (
            <FieldRow
              key={field.name}
              label={field.label}
              name={field.name}
              error={errors[field.name]}
              required={field.required}
              hint={field.description}
            >
              <FieldInput field={field} value={values[field.name]} onChange={(v) => set(field.name, v)} />
            </FieldRow>
          ))}
        {serverError !== undefined && (
          <div className="run-form-error" role="alert" data-testid="run-error">
            {serverError}
          </div>
        )}
      </form>
    </Modal>
  );
}

function FieldRow({
  label,
  name,
  error,
  required,
  hint,
  children,
}: {
  label: string;
  name: string;
  error: string | undefined;
  required: boolean;
  hint?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`run-field ${error === undefined ? '' : 'has-error'}`}>
      <label className="dialog-label" htmlFor={`run-field-${name}`}>
        {label}
        {required && <span className="required-mark"> *</span>}
      </label>
      {children}
      {hint !== undefined && <span className="dialog-hint">{hint}</span>}
      <DialogError error={error} />
    </div>
  );
}

function FieldInput({
  field,
  value,
  onChange,
}: {
  field: InputField;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const id = `run-field-${field.name}`;
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'boolean':
      return (
        <label className="run-check">
          <input
            id={id}
            type="checkbox"
            className="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {value === true ? 'true' : 'false'}
        </label>
      );
    case 'enum':
      return (
        <select id={id} className="select" value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {field.options.map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      );
    case 'number':
    case 'integer':
      return (
        <input
          id={id}
          className="input"
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          value={text}
          placeholder={field.kind === 'integer' ? 'whole number' : 'number'}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'list':
      return (
        <input
          id={id}
          className="input"
          value={text}
          placeholder={`${field.item} values, separated by commas`}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'json':
      return (
        <textarea
          id={id}
          className="textarea input-mono"
          rows={3}
          spellCheck={false}
          value={text}
          placeholder="JSON"
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'string':
      return <input id={id} className="input" value={text} onChange={(e) => onChange(e.target.value)} />;
  }
}
