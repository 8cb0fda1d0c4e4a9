import { useState, type FormEvent } from 'react';
import { SECRET_NAME, type SecretInfo } from '#shared';
import { useSecrets, useStores } from '../stores/stores-context.js';
import { Modal } from '../ui/Modal.js';
import './secrets.css';

const SOURCE_LABEL: Record<SecretInfo['source'], string> = {
  environment: 'environment',
  file: 'secrets file',
  keychain: 'keychain',
};

const READ_ONLY_REASON =
  'This server reads secrets from its environment only: start it with --secrets FILE to set them here.';

/** Names and sources of the host's secrets; values can be set, replaced and deleted, never shown. */
export function SecretsDialog() {
  const open = useSecrets((s) => s.open);
  if (!open) return null;
  return <SecretsBody />;
}

function SecretsBody() {
  const { secrets: store } = useStores();
  const { secrets, writable, error, loading } = useSecrets((s) => s);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const close = (): void => store.getState().setOpen(false);
  const nameOk = SECRET_NAME.test(name);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const refused = await store.getState().save(name, value);
    setProblem(refused ?? null);
    if (refused === undefined) {
      setName('');
      setValue('');
    }
  };

  return (
    <Modal
      title="Secrets"
      onClose={close}
      width={560}
      testId="secrets-dialog"
      footer={
        <button type="button" className="btn btn-primary" onClick={close}>
          Done
        </button>
      }
    >
      <p className="dialog-text">
        Workflows read a secret as <code>{'{{ secret.NAME }}'}</code> or <code>$secret('NAME')</code>. Values are never
        shown, recorded in run history or exported: wherever one would appear, runs show <code>***</code>.
      </p>
      <ul className="secret-list" data-testid="secret-list" aria-busy={loading}>
        {secrets.length === 0 && <li className="secret-empty">No secrets yet.</li>}
        {secrets.map((secret) => (
          <li key={secret.name} className="secret-row" data-testid={`secret-${secret.name}`}>
            <code className="secret-name">{secret.name}</code>
            <span className="badge">{SOURCE_LABEL[secret.source]}</span>
            <span className="secret-actions">
              <button
                type="button"
                className="btn btn-sm"
                disabled={secret.source === 'environment' || writable === null}
                title={secret.source === 'environment' ? 'Set in the environment of the server' : 'Replace the value'}
                onClick={() => setName(secret.name)}
              >
                Replace
              </button>
              <button
                type="button"
                className="btn btn-sm btn-danger"
                data-testid={`secret-delete-${secret.name}`}
                disabled={secret.source === 'environment' || writable === null}
                title={secret.source === 'environment' ? 'Set in the environment of the server' : 'Delete the secret'}
                onClick={() => void store.getState().remove(secret.name)}
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form className="secret-form" onSubmit={(event) => void submit(event)} data-testid="secret-form">
        <label className="dialog-field">
          <span className="dialog-label">Name</span>
          <input
            className="input input-mono"
            value={name}
            placeholder="API_TOKEN"
            disabled={writable === null}
            aria-invalid={name !== '' && !nameOk}
            data-testid="secret-name"
            onChange={(event) => setName(event.target.value.toUpperCase())}
          />
        </label>
        <label className="dialog-field">
          <span className="dialog-label">Value</span>
          <input
            className="input"
            type="password"
            autoComplete="off"
            value={value}
            disabled={writable === null}
            data-testid="secret-value"
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="secret-save"
          disabled={writable === null || !nameOk || value === ''}
        >
          {secrets.some((s) => s.name === name) ? 'Replace' : 'Add'}
        </button>
      </form>
      {writable === null ? (
        <p className="dialog-hint" data-testid="secrets-readonly">
          {READ_ONLY_REASON}
        </p>
      ) : (
        <p className="dialog-hint">
          Values are kept in {writable === 'keychain' ? 'the OS keychain' : "the server's secrets file"}.
        </p>
      )}
      {(problem ?? error) !== null && (
        <p className="dialog-error" role="alert" data-testid="secrets-error">
          {problem ?? error}
        </p>
      )}
    </Modal>
  );
}
