import { useState, type FormEvent } from 'react';
import { useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';

/** The sign-in form of a `switchyard serve --users` server. */
export function LoginPage() {
  const { identity } = useStores();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    void identity
      .getState()
      .signIn(name.trim(), password)
      .then((failure) => {
        setBusy(false);
        if (failure !== undefined) {
          setError(failure);
          setPassword('');
        }
      });
  };

  return (
    <main className="gate login-page" data-testid="login-page">
      <form className="login-card" onSubmit={submit} aria-label="Sign in">
        <div className="login-brand">
          <span className="brand-mark">
            <Icon name="logo" size={18} />
          </span>
          <span className="brand-name">Switchyard</span>
        </div>
        <h1 className="login-title">Sign in</h1>
        <p className="login-sub">This server records every approval with the name of the person who decides.</p>
        <label className="dialog-label" htmlFor="login-name">
          Name
        </label>
        <input
          id="login-name"
          className="input"
          autoComplete="username"
          autoFocus
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label className="dialog-label" htmlFor="login-password">
          Password
        </label>
        <input
          id="login-password"
          className="input"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error !== undefined && (
          <p className="dialog-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary login-submit" disabled={busy} data-testid="login-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
