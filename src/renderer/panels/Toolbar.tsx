import { useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { NavTabs } from '../app/NavTabs.js';
import { useCommands } from '../app/useCommands.js';
import { useDesigner, useIdentity, useNav, useStores, useUi, useWorkspace } from '../stores/stores-context.js';
import { Icon, type IconName } from '../ui/Icon.js';
import { runBlockedReason } from '../model/problem-index.js';
import { RunInputDialog } from './RunInputDialog.js';
import './toolbar.css';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** App name, the pages, and on the designer page the open workflow and every document command. */
export function Toolbar() {
  const onDesigner = useNav((s) => s.route.page === 'designer');
  const { theme } = useUi(useShallow((s) => ({ theme: s.theme })));
  const commands = useCommands();
  const { prefs, identity, secrets } = useStores();
  const me = useIdentity((s) => s.me);
  return (
    <header className="toolbar" role="toolbar" aria-label={onDesigner ? 'Designer toolbar' : 'Toolbar'}>
      <div className="toolbar-brand">
        <span className="brand-mark">
          <Icon name="logo" size={18} />
        </span>
        <span className="brand-name">Switchyard</span>
      </div>
      <NavTabs />
      {onDesigner ? <DesignerTools /> : <div className="toolbar-spacer" />}
      <ToolButton icon="key" label="Secrets" testId="btn-secrets" onClick={() => secrets.getState().setOpen(true)} />
      <button
        type="button"
        className="btn btn-ghost toolbar-user"
        title={`Preferences · you are ${me?.name ?? '?'}`}
        aria-label="Preferences"
        data-testid="btn-prefs"
        onClick={() => prefs.getState().setPrefsOpen(true)}
      >
        <Icon name="user" size={16} />
        <span className="toolbar-user-name" data-testid="toolbar-user">
          {me?.name}
        </span>
      </button>
      {me?.source === 'users-file' && (
        <ToolButton
          icon="logout"
          label="Sign out"
          testId="btn-signout"
          onClick={() => void identity.getState().signOut()}
        />
      )}
      <ToolButton
        icon={theme === 'dark' ? 'sun' : 'moon'}
        label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        testId="btn-theme"
        onClick={commands.toggleTheme}
      />
    </header>
  );
}

/** The open workflow and the document commands. */
function DesignerTools() {
  const commands = useCommands();
  const doc = useDesigner((s) => s.doc);
  const runBlocked = useDesigner((s) => runBlockedReason(s.problems));
  const { ui } = useStores();
  const [running, setRunning] = useState(false);
  const { name, version, hasDoc, canUndo, canRedo, layingOut } = useDesigner(
    useShallow((s) => ({
      name: s.doc?.name,
      version: s.doc?.version,
      hasDoc: s.doc !== null,
      canUndo: (s.history?.past.length ?? 0) > 0,
      canRedo: (s.history?.future.length ?? 0) > 0,
      layingOut: s.layingOut,
    })),
  );
  const { dirty, busy, openFile } = useWorkspace(
    useShallow((s) => ({ dirty: s.dirty, busy: s.busy, openFile: s.openFile })),
  );
  const statechartOpen = useUi((s) => s.statechartOpen);
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <>
      <div className="toolbar-doc" data-testid="doc-title">
        {hasDoc ? (
          <>
            <span className="doc-name" title={openFile ?? undefined}>
              {name}
            </span>
            <span className="doc-version" data-testid="doc-version">
              v{version}
            </span>
            {dirty ? (
              <span className="doc-state is-dirty" data-testid="dirty-marker" title="Unsaved changes">
                <span className="dirty-dot" /> Unsaved
              </span>
            ) : (
              <span className="doc-state">Saved</span>
            )}
          </>
        ) : (
          <span className="doc-none">No workflow open</span>
        )}
      </div>

      <div className="toolbar-group" aria-label="Edit">
        <ToolButton
          icon="undo"
          label="Undo"
          shortcut={`${MOD}Z`}
          testId="btn-undo"
          disabled={!canUndo}
          onClick={commands.undo}
        />
        <ToolButton
          icon="redo"
          label="Redo"
          shortcut={`${MOD}Shift+Z`}
          testId="btn-redo"
          disabled={!canRedo}
          onClick={commands.redo}
        />
      </div>
      <div className="toolbar-group" aria-label="View">
        <ToolButton
          icon="layout"
          label="Auto-layout"
          shortcut="Shift+L"
          testId="btn-layout"
          disabled={!hasDoc || layingOut}
          onClick={commands.layout}
        />
        <ToolButton
          icon="fit"
          label="Fit view"
          shortcut="F"
          testId="btn-fit"
          disabled={!hasDoc}
          onClick={commands.fit}
        />
        <ToolButton
          icon="statechart"
          label="Statechart"
          testId="btn-statechart"
          disabled={!hasDoc}
          pressed={statechartOpen}
          onClick={commands.toggleStatechart}
        />
      </div>

      <div className="toolbar-spacer" />

      <div className="toolbar-group" aria-label="Workflow files">
        <ToolButton icon="plus" label="New" testId="btn-new" text onClick={commands.newWorkflow} />
        <ToolButton icon="folder" label="Open" testId="btn-open" text onClick={commands.openDialog} />
        <ToolButton icon="upload" label="Import" testId="btn-import" text onClick={() => fileInput.current?.click()} />
        <ToolButton
          icon="download"
          label="Export"
          testId="btn-export"
          text
          disabled={!hasDoc || busy !== null}
          onClick={commands.exportWorkflow}
        />
        <input
          ref={fileInput}
          type="file"
          accept=".json,.flow.json,application/json"
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="import-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file !== undefined) commands.importFile(file);
          }}
        />
      </div>
      <button
        type="button"
        className="btn btn-primary toolbar-save"
        data-testid="btn-save"
        aria-label="Save"
        title={`Save (${MOD}S)`}
        disabled={!hasDoc || busy === 'saving'}
        onClick={commands.save}
      >
        <Icon name="save" size={15} />
        {busy === 'saving' ? 'Saving…' : 'Save'}
      </button>
      {/* A disabled button gets no clicks: its wrapper opens Problems, where the errors are. */}
      <span
        className="toolbar-run-wrap"
        title={runBlocked ?? 'Run this workflow'}
        onClick={() => {
          if (runBlocked !== undefined) ui.getState().setProblemsOpen(true);
        }}
      >
        <button
          type="button"
          className="btn toolbar-run"
          data-testid="btn-run"
          aria-describedby={runBlocked === undefined ? undefined : 'run-blocked'}
          disabled={doc === null || runBlocked !== undefined}
          onClick={() => setRunning(true)}
        >
          <Icon name="play" size={14} /> Run
        </button>
        {runBlocked !== undefined && (
          <span id="run-blocked" className="sr-only" data-testid="run-blocked">
            {runBlocked}
          </span>
        )}
      </span>
      {running && doc !== null && <RunInputDialog doc={doc} onClose={() => setRunning(false)} />}
    </>
  );
}

interface ToolButtonProps {
  icon: IconName;
  label: string;
  testId: string;
  onClick: () => void;
  shortcut?: string;
  disabled?: boolean;
  pressed?: boolean;
  /** Show the label next to the icon. */
  text?: boolean;
  children?: ReactNode;
}

function ToolButton({
  icon,
  label,
  testId,
  onClick,
  shortcut,
  disabled = false,
  pressed,
  text = false,
}: ToolButtonProps) {
  return (
    <button
      type="button"
      className={`btn btn-ghost ${text ? 'toolbar-text-btn' : 'btn-icon'}`}
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut === undefined ? label : `${label} (${shortcut})`}
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon name={icon} size={16} />
      {text && <span>{label}</span>}
    </button>
  );
}
