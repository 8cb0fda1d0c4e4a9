import { basename } from 'node:path';
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../preload/bridge-contract.js';
import { openExternalIfAllowed } from './security.js';

export interface MenuActions {
  /** Sends a command to the page (it owns the document, the canvas and the undo history). */
  send(command: MenuCommand): void;
  open(): void;
  openRecent(filePath: string): void;
  clearRecent(): void;
  exportWorkflow(): void;
  recentFiles(): readonly string[];
}

const isMac = process.platform === 'darwin';

// On macOS, Quit and About live in the app menu.
function quitItems(): MenuItemConstructorOptions[] {
  return isMac ? [] : [{ type: 'separator' }, { role: 'quit' }];
}

function aboutItems(): MenuItemConstructorOptions[] {
  return isMac ? [] : [{ type: 'separator' }, { role: 'about' }];
}

function recentSubmenu(actions: MenuActions): MenuItemConstructorOptions[] {
  const files = actions.recentFiles();
  const items: MenuItemConstructorOptions[] = files.map((file) => ({
    label: basename(file),
    sublabel: file,
    click: () => actions.openRecent(file),
  }));
  if (items.length === 0) items.push({ label: 'No Recent Files', enabled: false });
  items.push(
    { type: 'separator' },
    { label: 'Clear Recently Opened', enabled: files.length > 0, click: () => actions.clearRecent() },
  );
  return items;
}

function fileMenu(actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: '&File',
    submenu: [
      { label: 'New Workflow', accelerator: 'CmdOrCtrl+N', click: () => actions.send('new') },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: 'Open Recent', submenu: recentSubmenu(actions) },
      { type: 'separator' },
      { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => actions.send('save') },
      { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.exportWorkflow() },
      ...quitItems(),
    ],
  };
}

function editMenu(actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: '&Edit',
    submenu: [
      // Sent to the page, not the native roles: the page routes them to the focused text
      // field or to the canvas history.
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.send('undo') },
      { label: 'Redo', accelerator: isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y', click: () => actions.send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
}

function viewMenu(actions: MenuActions): MenuItemConstructorOptions {
  const devItems: MenuItemConstructorOptions[] = app.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return {
    label: '&View',
    submenu: [
      ...devItems,
      { label: 'Toggle Dark Mode', accelerator: 'CmdOrCtrl+Shift+D', click: () => actions.send('theme') },
      { label: 'Fit Workflow to Window', accelerator: 'CmdOrCtrl+1', click: () => actions.send('fit') },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

function helpMenu(): MenuItemConstructorOptions {
  return {
    role: 'help',
    submenu: [
      {
        label: 'Expression Language (JSONata)',
        click: () => openExternalIfAllowed('https://docs.jsonata.org/overview.html'),
      },
      { label: 'Statecharts (XState)', click: () => openExternalIfAllowed('https://stately.ai/docs/xstate') },
      ...aboutItems(),
    ],
  };
}

/** The application menu; rebuild it (call again) when the recent-files list changes. */
export function installApplicationMenu(actions: MenuActions): void {
  const template: MenuItemConstructorOptions[] = isMac
    ? [{ role: 'appMenu' }, fileMenu(actions), editMenu(actions), viewMenu(actions), { role: 'windowMenu' }, helpMenu()]
    : [fileMenu(actions), editMenu(actions), viewMenu(actions), helpMenu()];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
