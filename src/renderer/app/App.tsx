import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Canvas } from '../canvas/Canvas.js';
import { Inspector } from '../inspector/Inspector.js';
import { Palette } from '../palette/Palette.js';
import { InboxPage } from '../inbox/InboxPage.js';
import { ConfirmDialog, OpenDialog, PromptDialog, Toasts } from '../panels/Dialogs.js';
import { UnpinnedCallsDialog } from '../sample-run/UnpinnedCallsDialog.js';
import { ProblemsPanel } from '../panels/ProblemsPanel.js';
import { StatechartDrawer } from '../panels/StatechartDrawer.js';
import { Toolbar } from '../panels/Toolbar.js';
import { WorkflowList } from '../panels/WorkflowList.js';
import { RunsPage } from '../runs/RunsPage.js';
import { RunView } from '../runs/RunView.js';
import {
  StoresProvider,
  useDesigner,
  useNav,
  useStores,
  useUi,
  useWorkspace,
  type AppStores,
} from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { VersionDialogs } from '../versions/VersionDialogs.js';
import { CanvasBridgeProvider } from './canvas-bridge.js';
import { IdentityGate } from './IdentityGate.js';
import { PanelFold } from './PanelFold.js';
import { PreferencesDialog } from './PreferencesDialog.js';
import { SecretsDialog } from './SecretsDialog.js';
import { useCommands } from './useCommands.js';
import { useShortcuts } from './useShortcuts.js';
import { useStartup } from './useStartup.js';
import './app.css';

export function App({ stores }: { stores: AppStores }) {
  return (
    <StoresProvider stores={stores}>
      <ReactFlowProvider>
        <CanvasBridgeProvider>
          <ThemeSync />
          <IdentityGate>
            <Shell />
          </IdentityGate>
        </CanvasBridgeProvider>
      </ReactFlowProvider>
    </StoresProvider>
  );
}

/** The page's theme attribute, on every screen (the sign-in form too). */
function ThemeSync() {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return null;
}

function Shell() {
  const commands = useCommands();
  useShortcuts(commands);
  useStartup(commands);
  const dirty = useWorkspace((s) => s.dirty);
  // Closing the tab with unsaved changes asks first (Electron asks in its own close handler).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useInboxFeed();

  return (
    <div className="app">
      <Toolbar />
      <Page />
      <StatechartDrawer />
      <OpenDialog />
      <ConfirmDialog />
      <PromptDialog />
      <PreferencesDialog />
      <SecretsDialog />
      <UnpinnedCallsDialog />
      <VersionDialogs />
      <Toasts />
    </div>
  );
}

/** The inbox count in the navigation stays current on every page. */
function useInboxFeed(): void {
  const { inbox, transport } = useStores();
  useEffect(() => {
    void inbox.getState().refresh();
    return inbox.getState().watch((listener) => transport.subscribe(listener));
  }, [inbox, transport]);
}

function Page() {
  const route = useNav((s) => s.route);
  switch (route.page) {
    case 'runs':
      return (
        <main className="app-page">
          <RunsPage />
        </main>
      );
    case 'run':
      return (
        <main className="app-page">
          <RunView key={route.runId} runId={route.runId} />
        </main>
      );
    case 'inbox':
      return (
        <main className="app-page">
          <InboxPage />
        </main>
      );
    case 'designer':
      return <Designer />;
  }
}

function Designer() {
  const panels = useUi((s) => s.panels);
  return (
    <div className="app-body">
      {panels.sidebar && (
        <aside className="sidebar" aria-label="Workflows and nodes">
          <WorkflowList />
          <Palette />
        </aside>
      )}
      <main className="app-main">
        <div className="canvas-area">
          <CanvasArea />
          <PanelFold panel="sidebar" />
          <PanelFold panel="inspector" />
        </div>
        <ProblemsPanel />
      </main>
      {panels.inspector && <Inspector />}
    </div>
  );
}

function CanvasArea() {
  const hasDoc = useDesigner((s) => s.doc !== null);
  if (hasDoc) return <Canvas />;
  return <NoWorkflow />;
}

/** What the middle of the screen says when no workflow is open. */
function NoWorkflow() {
  const commands = useCommands();
  const { status, count, busy } = useWorkspace(
    useShallow((s) => ({ status: s.listStatus, count: s.files.length, busy: s.busy })),
  );
  const loading = status === 'idle' || status === 'loading' || busy === 'opening';
  return (
    <div className="no-workflow" data-testid="canvas-empty">
      {loading ? (
        <div className="no-workflow-card is-loading">Loading the workspace…</div>
      ) : (
        <div className="no-workflow-card">
          <div className="no-workflow-art" aria-hidden="true">
            <span className="art-node art-start" />
            <span className="art-line" />
            <span className="art-node art-task" />
            <span className="art-line" />
            <span className="art-node art-end" />
          </div>
          <h1 className="no-workflow-title">
            {count === 0
              ? 'No workflows yet — create one or import a .flow.json'
              : 'Open a workflow to start designing'}
          </h1>
          <p className="no-workflow-text">
            {count === 0
              ? 'Workflows are JSON files in your workspace. Draw one on the canvas, or bring in one exported from another machine.'
              : 'Pick one from the list on the left, or create a new one.'}
          </p>
          <div className="no-workflow-actions">
            <button type="button" className="btn btn-primary" onClick={commands.newWorkflow}>
              <Icon name="plus" size={15} /> New workflow
            </button>
            <label className="btn">
              <Icon name="upload" size={15} /> Import .flow.json
              <input
                type="file"
                accept=".json,application/json"
                className="sr-only"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file !== undefined) commands.importFile(file);
                }}
              />
            </label>
          </div>
        </div>
      )}
    </div>
  );
}
