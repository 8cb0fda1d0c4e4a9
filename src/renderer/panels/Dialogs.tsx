import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStores, useUi, useWorkspace } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { Modal } from '../ui/Modal.js';

export function ConfirmDialog() {
  const request = useUi((s) => s.confirmRequest);
  const { ui } = useStores();
  if (request === null) return null;
  return (
    <Modal
      title={request.title}
      onClose={() => ui.getState().answerConfirm(false)}
      testId="confirm-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={() => ui.getState().answerConfirm(false)}>
            Cancel
          </button>
          <button
            type="button"
            className={`btn ${request.danger ? 'btn-danger' : 'btn-primary'}`}
            data-autofocus
            onClick={() => ui.getState().answerConfirm(true)}
          >
            {request.confirmLabel}
          </button>
        </>
      }
    >
      <p className="dialog-text">{request.message}</p>
    </Modal>
  );
}

export function PromptDialog() {
  const request = useUi((s) => s.promptRequest);
  if (request === null) return null;
  return <PromptForm key={`${request.title}:${request.initial}`} />;
}

function PromptForm() {
  const request = useUi((s) => s.promptRequest);
  const { ui } = useStores();
  const [value, setValue] = useState(request?.initial ?? '');
  const [touched, setTouched] = useState(false);
  if (request === null) return null;
  const error = request.validate(value);
  const submit = (): void => {
    setTouched(true);
    if (error === undefined) ui.getState().answerPrompt(value);
  };
  return (
    <Modal
      title={request.title}
      onClose={() => ui.getState().answerPrompt(undefined)}
      testId="prompt-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={() => ui.getState().answerPrompt(undefined)}>
            Cancel
          </button>
          <button
            type="submit"
            form="prompt-form"
            className="btn btn-primary"
            disabled={touched && error !== undefined}
          >
            {request.confirmLabel}
          </button>
        </>
      }
    >
      <form
        id="prompt-form"
        className="dialog-field"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="dialog-label" htmlFor="prompt-input">
          {request.label}
        </label>
        <input
          id="prompt-input"
          className="input"
          value={value}
          data-autofocus
          aria-invalid={touched && error !== undefined}
          onFocus={(event) => event.target.select()}
          onChange={(event) => {
            setValue(event.target.value);
            setTouched(true);
          }}
        />
        {touched && error !== undefined && <span className="dialog-error">{error}</span>}
      </form>
    </Modal>
  );
}

export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  const { ui, nav } = useStores();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} data-testid={`toast-${toast.tone}`}>
          <Icon
            name={toast.tone === 'error' ? 'error' : toast.tone === 'success' ? 'checkCircle' : 'sparkle'}
            size={16}
          />
          <span className="toast-body">
            <span className="toast-message">{toast.message}</span>
            {toast.link !== undefined && (
              <button
                type="button"
                className="link-button toast-link"
                data-testid="toast-link"
                onClick={() => {
                  if (toast.link !== undefined) nav.getState().navigate(toast.link.route);
                  ui.getState().dismissToast(toast.id);
                }}
              >
                {toast.link.label} →
              </button>
            )}
          </span>
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-label="Dismiss"
            onClick={() => ui.getState().dismissToast(toast.id)}
          >
            <Icon name="close" size={13} />
          </button>
        </div>
      ))}
    </div>
  );
}

/** Open a workflow of the workspace, with a filter. */
export function OpenDialog() {
  const open = useUi((s) => s.openDialogOpen);
  if (!open) return null;
  return <OpenDialogBody />;
}

function OpenDialogBody() {
  const { ui, workspace } = useStores();
  const { files, openFile } = useWorkspace(useShallow((s) => ({ files: s.files, openFile: s.openFile })));
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = files.filter((f) => needle === '' || `${f.name ?? ''} ${f.file}`.toLowerCase().includes(needle));
  const close = (): void => ui.getState().setOpenDialogOpen(false);
  const choose = (file: string): void => {
    close();
    void workspace.getState().open(file);
  };
  return (
    <Modal title="Open workflow" onClose={close} width={520} testId="open-dialog">
      <div className="open-search">
        <Icon name="search" size={15} />
        <input
          className="input"
          placeholder="Filter by name or file"
          aria-label="Filter workflows"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            const first = shown[0];
            if (event.key === 'Enter' && first !== undefined) choose(first.file);
          }}
        />
      </div>
      {files.length === 0 ? (
        <p className="dialog-text">No workflows yet — create one or import a .flow.json.</p>
      ) : shown.length === 0 ? (
        <p className="dialog-text">No workflow matches “{filter}”.</p>
      ) : (
        <ul className="open-list">
          {shown.map((f) => (
            <li key={f.file}>
              <button
                type="button"
                className={`open-item ${f.file === openFile ? 'is-open' : ''}`}
                onClick={() => choose(f.file)}
              >
                <Icon name={f.error === undefined ? 'file' : 'alert'} size={15} />
                <span className="open-name">{f.name ?? f.file}</span>
                <span className="open-file">{f.file}</span>
                {f.version !== undefined && <span className="badge">v{f.version}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
