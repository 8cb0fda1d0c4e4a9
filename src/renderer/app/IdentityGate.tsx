import { useEffect, type ReactNode } from 'react';
import { useIdentity, useStores } from '../stores/stores-context.js';
import { LoginPage } from './LoginPage.js';

/**
 * Nothing else loads until the backend has said who the user is: `serve --users` answers 401
 * to a stranger, who gets the sign-in form; once signed in the app mounts (and so subscribes
 * to live events with the session cookie).
 */
export function IdentityGate({ children }: { children: ReactNode }) {
  const { identity } = useStores();
  const status = useIdentity((s) => s.status);
  const error = useIdentity((s) => s.error);
  useEffect(() => {
    void identity.getState().refresh();
  }, [identity]);
  if (status === 'ready') return children;
  if (status === 'signed-out') return <LoginPage />;
  return (
    <div className="gate" data-testid="identity-gate">
      {status === 'loading' ? (
        <div className="no-workflow-card is-loading">Connecting…</div>
      ) : (
        <div className="no-workflow-card" role="alert">
          <p>{error}</p>
          <button type="button" className="btn" onClick={() => void identity.getState().refresh()}>
            Try again
          </button>
        </div>
      )}
    </div>
  );
}
