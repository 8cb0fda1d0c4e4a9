import { realpathSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  app,
  dialog,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { WorkflowFileName, type BackendApi } from '#shared';
import type { MenuCommand } from '../preload/bridge-contract.js';
import { callSafely } from './dispatch.js';
import type { RecentFiles } from './recent-files.js';
import { numberedName, workspaceNameFor } from './workspace-seed.js';

/** Bigger files are not workflows anyone drew; refusing them keeps a stray pick from eating memory. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_COPY_NUMBER = 99;

export interface FileCommandsOptions {
  backend: BackendApi;
  workspaceDir: string;
  recents: RecentFiles;
  window(): BrowserWindow | undefined;
  send(command: MenuCommand, file?: string): void;
  /** The workspace file the page last opened or saved (what Export… exports). */
  currentFile(): string | undefined;
  /** Called when the recent list changed, so the menu can be rebuilt. */
  recentsChanged(): void;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** File menu actions that need native dialogs: Open…, Open Recent, Export…. */
export class FileCommands {
  constructor(private readonly options: FileCommandsOptions) {}

  async showOpenDialog(): Promise<void> {
    const window = this.options.window();
    const dialogOptions: OpenDialogOptions = {
      title: 'Open workflow',
      properties: ['openFile'],
      filters: [
        { name: 'Switchyard workflows', extensions: ['json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const picked = window
      ? await dialog.showOpenDialog(window, dialogOptions)
      : await dialog.showOpenDialog(dialogOptions);
    const file = picked.filePaths[0];
    if (!picked.canceled && file) await this.openPath(file);
  }

  /**
   * Opens a file from anywhere on disk: a file already in the workspace just opens; any other
   * file is imported into the workspace first (asking before it replaces a workflow).
   */
  async openPath(filePath: string): Promise<void> {
    try {
      if (!statSync(filePath).isFile()) throw new Error(`${filePath} is not a file`);
      const inWorkspace =
        sameFolder(dirname(filePath), this.options.workspaceDir) &&
        WorkflowFileName.safeParse(basename(filePath)).success;
      const file = inWorkspace ? basename(filePath) : await this.importIntoWorkspace(filePath);
      if (file === undefined) return;
      this.remember(filePath);
      this.options.send('open', file);
    } catch (err) {
      if (isMissing(err)) this.forget(filePath);
      this.showError(`Could not open ${basename(filePath)}`, messageOf(err));
    }
  }

  async showExportDialog(): Promise<void> {
    const file = this.options.currentFile();
    if (!file) {
      this.showError(
        'Nothing to export',
        'Open or save a workflow first; Export… writes the saved version of the open workflow.',
      );
      return;
    }
    const exported = await callSafely(this.options.backend, 'exportWorkflow', { file });
    if ('error' in exported) {
      this.showError(`Could not export ${file}`, exported.error.message);
      return;
    }
    const { fileName, text } = exported.data;
    const window = this.options.window();
    const saveOptions: SaveDialogOptions = {
      title: 'Export workflow',
      defaultPath: join(app.getPath('documents'), fileName),
      filters: [{ name: 'Switchyard workflows', extensions: ['json'] }],
    };
    const target = window ? await dialog.showSaveDialog(window, saveOptions) : await dialog.showSaveDialog(saveOptions);
    if (target.canceled || !target.filePath) return;
    try {
      await writeFile(target.filePath, text, 'utf8');
    } catch (err) {
      this.showError(`Could not write ${target.filePath}`, messageOf(err));
    }
  }

  clearRecents(): void {
    this.options.recents.clear();
    app.clearRecentDocuments();
    this.options.recentsChanged();
  }

  private async importIntoWorkspace(filePath: string): Promise<string | undefined> {
    if (statSync(filePath).size > MAX_IMPORT_BYTES) {
      throw new Error(`${filePath} is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB; that is not a workflow file`);
    }
    const text = await readFile(filePath, 'utf8');
    const fileName = workspaceNameFor(filePath);
    const first = await this.tryImport(fileName, text, false);
    if (first.kind === 'done') return first.file;
    const choice = await this.askOnConflict(fileName);
    if (choice === 'cancel') return undefined;
    if (choice === 'replace') return this.expectImported(await this.tryImport(fileName, text, true));
    for (let n = 2; n <= MAX_COPY_NUMBER; n++) {
      const attempt = await this.tryImport(numberedName(fileName, n), text, false);
      if (attempt.kind === 'done') return attempt.file;
    }
    throw new Error(`the workspace already has ${fileName} and copies up to -${MAX_COPY_NUMBER}; rename some first`);
  }

  private async tryImport(
    fileName: string,
    text: string,
    overwrite: boolean,
  ): Promise<{ kind: 'done'; file: string } | { kind: 'conflict' }> {
    const answer = await callSafely(this.options.backend, 'importWorkflow', { fileName, text, overwrite });
    if ('data' in answer) return { kind: 'done', file: answer.data.file };
    if (answer.error.code === 'CONFLICT' && !overwrite) return { kind: 'conflict' };
    throw new Error(answer.error.message);
  }

  private expectImported(result: { kind: 'done'; file: string } | { kind: 'conflict' }): string {
    if (result.kind === 'conflict') throw new Error('the workflow could not be replaced');
    return result.file;
  }

  private async askOnConflict(fileName: string): Promise<'replace' | 'copy' | 'cancel'> {
    const options: MessageBoxOptions = {
      type: 'question',
      message: `The workspace already has ${fileName}.`,
      detail: 'Replace it with the file you picked, or import the file as a copy?',
      buttons: ['Import as Copy', 'Replace', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
    };
    const window = this.options.window();
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    return response === 0 ? 'copy' : response === 1 ? 'replace' : 'cancel';
  }

  private remember(filePath: string): void {
    this.options.recents.add(filePath);
    app.addRecentDocument(filePath);
    this.options.recentsChanged();
  }

  private forget(filePath: string): void {
    this.options.recents.remove(filePath);
    this.options.recentsChanged();
  }

  private showError(message: string, detail: string): void {
    const options: MessageBoxOptions = { type: 'error', message, detail };
    const window = this.options.window();
    const shown = window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
    shown.catch(() => undefined);
  }
}

function isMissing(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'ENOENT';
}
