import { useIdentity, usePrefs, useStores, useUi } from '../stores/stores-context.js';
import { Modal } from '../ui/Modal.js';
import { StoreSection } from './StoreSection.js';

/** Who you are (read-only: the OS user, or the user signed in to the server), the run store and the theme. */
export function PreferencesDialog() {
  const open = usePrefs((s) => s.prefsOpen);
  if (!open) return null;
  return <PreferencesBody />;
}

function PreferencesBody() {
  const { prefs, ui, identity } = useStores();
  const me = useIdentity((s) => s.me);
  const theme = useUi((s) => s.theme);
  const close = (): void => prefs.getState().setPrefsOpen(false);
  const signedIn = me?.source === 'users-file';
  return (
    <Modal
      title="Preferences"
      onClose={close}
      width={520}
      testId="prefs-dialog"
      footer={
        <button type="button" className="btn btn-primary" onClick={close} data-autofocus>
          Done
        </button>
      }
    >
      <div className="dialog-field">
        <span className="dialog-label">You are</span>
        <p className="prefs-me" data-testid="prefs-me">
          <strong>{me?.name}</strong>
          {me !== null && me.groups.length > 0 && <span className="muted"> · groups {me.groups.join(', ')}</span>}
        </p>
        <span className="dialog-hint">
          {signedIn
            ? 'Signed in to this server. Approvals and rejections are recorded as you.'
            : 'Your operating-system user. Approvals and rejections are recorded as you.'}
        </span>
        {signedIn && (
          <button
            type="button"
            className="btn prefs-signout"
            data-testid="prefs-signout"
            onClick={() => {
              close();
              void identity.getState().signOut();
            }}
          >
            Sign out
          </button>
        )}
        <label className="prefs-theme">
          <input
            type="checkbox"
            className="checkbox"
            checked={theme === 'dark'}
            onChange={() => ui.getState().toggleTheme()}
          />
          Dark theme
        </label>
      </div>
      <StoreSection />
    </Modal>
  );
}
