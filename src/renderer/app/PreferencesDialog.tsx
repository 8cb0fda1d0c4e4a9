import { useState } from 'react';
import { usePrefs, useStores, useUi } from '../stores/stores-context.js';
import { Modal } from '../ui/Modal.js';

/** The user's name (the `by` of approvals and rejections) and the theme. */
export function PreferencesDialog() {
  const open = usePrefs((s) => s.prefsOpen);
  if (!open) return null;
  return <PreferencesBody />;
}

function PreferencesBody() {
  const { prefs, ui } = useStores();
  const saved = usePrefs((s) => s.userName);
  const theme = useUi((s) => s.theme);
  const [name, setName] = useState(saved);
  const close = (): void => prefs.getState().setPrefsOpen(false);
  return (
    <Modal
      title="Preferences"
      onClose={close}
      width={440}
      testId="prefs-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="prefs-form" className="btn btn-primary" data-testid="prefs-save">
            Save
          </button>
        </>
      }
    >
      <form
        id="prefs-form"
        className="dialog-field"
        onSubmit={(event) => {
          event.preventDefault();
          prefs.getState().setUserName(name);
          close();
        }}
      >
        <label className="dialog-label" htmlFor="prefs-user">
          Your name
        </label>
        <input
          id="prefs-user"
          className="input"
          value={name}
          data-autofocus
          placeholder="e.g. ana"
          onChange={(event) => setName(event.target.value)}
        />
        <span className="dialog-hint">
          Recorded as the approver when you approve or reject. Approval nodes may only accept certain names.
        </span>
        <label className="prefs-theme">
          <input
            type="checkbox"
            className="checkbox"
            checked={theme === 'dark'}
            onChange={() => ui.getState().toggleTheme()}
          />
          Dark theme
        </label>
      </form>
    </Modal>
  );
}
