import { useEffect, useState, type FormEvent } from 'react';
import type { StoreInfo } from '#shared';
import { useStores } from '../stores/stores-context.js';
import { errorMessage } from '../transport/backend-error.js';

const SOURCE_TEXT: Record<StoreInfo['source'], string> = {
  default: "This computer's own run store.",
  environment: 'Chosen by SWITCHYARD_STORE.',
  'command line': 'Chosen when the server started.',
  'app setting': 'Chosen here; runs started on it are driven by the workers of that store.',
};

/** Preferences' "Run store": where runs are recorded and, in the desktop app, connecting to a team's PostgreSQL. */
export function StoreSection() {
  const { transport } = useStores();
  const [store, setStore] = useState<StoreInfo | null>(null);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restartingOn, setRestartingOn] = useState<StoreInfo | null>(null);

  useEffect(() => {
    transport.getStore({}).then(setStore, (err: unknown) => setError(errorMessage(err)));
  }, [transport]);

  const connect = async (target: string | null): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const answer = await transport.connectStore({ url: target });
      if (answer.restarting) setRestartingOn(answer.store);
      else setStore(answer.store);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (url.trim() !== '') void connect(url.trim());
  };

  return (
    <div className="dialog-field prefs-section" data-testid="prefs-store">
      <span className="dialog-label">Run store</span>
      {store !== null && (
        <>
          <p className="prefs-store-current">
            <strong>{store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite file'}</strong>{' '}
            <code data-testid="prefs-store-location">{store.location}</code>
          </p>
          <span className="dialog-hint">{store.reason ?? SOURCE_TEXT[store.source]}</span>
          {store.problem !== undefined && (
            <p className="dialog-error" role="alert" data-testid="prefs-store-problem">
              {store.problem}
            </p>
          )}
        </>
      )}
      {store?.switchable === true && restartingOn === null && (
        <form className="prefs-store-form" onSubmit={submit}>
          <input
            className="input"
            aria-label="Store URL"
            placeholder="postgres://user@host:5432/database"
            value={url}
            spellCheck={false}
            onChange={(event) => setUrl(event.target.value)}
          />
          <button type="submit" className="btn" disabled={busy || url.trim() === ''}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
          {store.source !== 'default' && (
            <button type="button" className="btn" disabled={busy} onClick={() => void connect(null)}>
              Use this computer&apos;s store
            </button>
          )}
        </form>
      )}
      {restartingOn !== null && (
        <p className="prefs-store-restart" role="status">
          Connected to <code>{restartingOn.location}</code>. Switchyard restarts on it…
        </p>
      )}
      {error !== null && (
        <p className="dialog-error" role="alert" data-testid="prefs-store-error">
          {error}
        </p>
      )}
    </div>
  );
}
