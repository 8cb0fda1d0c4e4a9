import { WorkflowFileName, type BackendApi, type Workflow, type WorkflowSummary } from '#shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { layoutPositions, needsLayout } from '../model/auto-layout.js';
import { setPositions } from '../model/document-ops.js';
import { toEditableDocument } from '../model/editable-document.js';
import { blankWorkflow, freeWorkflowId } from '../model/new-workflow.js';
import { BackendError, errorMessage } from '../transport/backend-error.js';
import type { DesignerStore } from './designer-store.js';
import type { UiStore } from './ui-store.js';

export interface WorkspaceState {
  files: readonly WorkflowSummary[];
  listStatus: 'idle' | 'loading' | 'ready' | 'error';
  listError: string | null;
  /** The workflow file open in the designer. */
  openFile: string | null;
  /** The document as last opened or saved: the designer's document differs from it when there are unsaved changes. */
  savedDoc: Workflow | null;
  dirty: boolean;
  busy: 'opening' | 'saving' | 'importing' | 'exporting' | null;

  refresh(): Promise<void>;
  /** Opens a file; asks first when the current one has unsaved changes. `quiet`: a failure is not reported. */
  open(file: string, options?: { quiet?: boolean }): Promise<boolean>;
  /** Creates and opens a workflow (blank, or from a template document). */
  create(name: string, template?: Workflow): Promise<boolean>;
  save(): Promise<boolean>;
  rename(file: string, to: string): Promise<boolean>;
  remove(file: string): Promise<boolean>;
  importText(fileName: string, text: string): Promise<boolean>;
  /** The exportable text of the open workflow (saved first when dirty). */
  exportOpen(): Promise<{ fileName: string; text: string } | undefined>;
}

export type WorkspaceStore = StoreApi<WorkspaceState>;

const LAST_FILE_KEY = 'switchyard.lastFile';

export interface WorkspaceDeps {
  api: BackendApi;
  designer: DesignerStore;
  ui: UiStore;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

export function createWorkspaceStore({ api, designer, ui, storage }: WorkspaceDeps): WorkspaceStore {
  const notify = (tone: 'info' | 'success' | 'error', message: string): void => ui.getState().notify(tone, message);

  const store = createStore<WorkspaceState>()((set, get) => {
    const guardUnsaved = async (action: string): Promise<boolean> => {
      if (!get().dirty) return true;
      return ui.getState().confirm({
        title: 'Discard unsaved changes?',
        message: `${designer.getState().doc?.name ?? 'This workflow'} has changes that are not saved. ${action} anyway and lose them?`,
        confirmLabel: 'Discard changes',
        danger: true,
      });
    };

    /**
     * Shows a document: laid out first when it has no positions (or its nodes overlap), and then
     * saved laid out, so that the layout is made once and the file opens the same way next time.
     */
    const show = async (file: string, value: unknown): Promise<boolean> => {
      const editable = toEditableDocument(value);
      if (!editable.ok) {
        notify('error', `${file}: ${editable.message}`);
        return false;
      }
      let doc = editable.doc;
      let laidOut = false;
      if (needsLayout(doc)) {
        try {
          doc = setPositions(doc, await layoutPositions(doc));
          laidOut = true;
        } catch {
          // Without a layout the nodes still open, stacked; auto-layout can be tried again.
        }
      }
      const saved = laidOut ? await saveLayout(file, doc) : doc;
      designer.getState().load(saved ?? doc);
      // A layout that could not be saved is an unsaved change like any other.
      if (saved === undefined) set({ openFile: file, savedDoc: editable.doc, dirty: true });
      else set({ openFile: file, savedDoc: designer.getState().doc, dirty: false });
      try {
        storage?.setItem(LAST_FILE_KEY, file);
      } catch {
        // storage may be unavailable; the last file is a convenience
      }
      ui.getState().fitView();
      return true;
    };

    /** Writes a freshly laid-out document back: the document as saved (its version may change), or undefined. */
    const saveLayout = async (file: string, doc: Workflow): Promise<Workflow | undefined> => {
      try {
        const saved = await api.saveWorkflow({ file, workflow: doc });
        return saved.version !== undefined && saved.version !== doc.version ? { ...doc, version: saved.version } : doc;
      } catch (err) {
        notify('info', `${file} was laid out but could not be saved: ${errorMessage(err)}`);
        return undefined;
      }
    };

    const takenIds = (): Set<string> => {
      const ids = new Set<string>();
      for (const f of get().files) {
        if (f.id !== undefined) ids.add(f.id);
        ids.add(f.file.replace(/\.flow\.json$/, ''));
      }
      return ids;
    };

    return {
      files: [],
      listStatus: 'idle',
      listError: null,
      openFile: null,
      savedDoc: null,
      dirty: false,
      busy: null,

      async refresh() {
        set({ listStatus: get().files.length === 0 ? 'loading' : get().listStatus });
        try {
          const files = await api.listWorkflows({});
          set({ files, listStatus: 'ready', listError: null });
        } catch (err) {
          set({ listStatus: 'error', listError: errorMessage(err) });
        }
      },
      async open(file, options = {}) {
        if (file === get().openFile) return true;
        if (!(await guardUnsaved('Open another workflow'))) return false;
        set({ busy: 'opening' });
        try {
          const opened = await api.openWorkflow({ file });
          return await show(opened.file, opened.workflow);
        } catch (err) {
          if (options.quiet !== true) notify('error', `Could not open ${file}: ${errorMessage(err)}`);
          return false;
        } finally {
          set({ busy: null });
        }
      },
      async create(name, template) {
        if (!(await guardUnsaved('Create a new workflow'))) return false;
        const id = freeWorkflowId(name, takenIds());
        const doc: Workflow =
          template === undefined ? blankWorkflow(id, name) : { ...structuredClone(template), id, name, version: 1 };
        const file = `${id}.flow.json`;
        try {
          await api.saveWorkflow({ file, workflow: doc });
          await get().refresh();
          const ok = await show(file, doc);
          if (ok) notify('success', `Created ${file}`);
          return ok;
        } catch (err) {
          notify('error', `Could not create ${file}: ${errorMessage(err)}`);
          return false;
        }
      },
      async save() {
        const { openFile } = get();
        const doc = designer.getState().doc;
        if (openFile === null || doc === null) return false;
        set({ busy: 'saving' });
        try {
          const saved = await api.saveWorkflow({ file: openFile, workflow: doc, bumpVersion: true });
          let savedDoc = doc;
          if (saved.version !== undefined && saved.version !== doc.version) {
            savedDoc = { ...doc, version: saved.version };
            if (designer.getState().doc === doc) designer.getState().replaceQuietly(savedDoc);
          }
          // Edits made while the save was on its way stay unsaved.
          set({ savedDoc, dirty: designer.getState().doc !== savedDoc });
          const errors = saved.problems.filter((p) => p.severity === 'error').length;
          notify(
            errors > 0 ? 'info' : 'success',
            errors > 0
              ? `Saved ${openFile} (with ${errors} problem${errors === 1 ? '' : 's'} to fix before it can run)`
              : `Saved ${openFile}`,
          );
          void get().refresh();
          return true;
        } catch (err) {
          notify('error', `Could not save ${openFile}: ${errorMessage(err)}`);
          return false;
        } finally {
          set({ busy: null });
        }
      },
      async rename(file, to) {
        const target = to.endsWith('.flow.json') ? to : `${to}.flow.json`;
        const valid = WorkflowFileName.safeParse(target);
        if (!valid.success) {
          notify('error', `${target}: ${valid.error.issues[0]?.message ?? 'not a valid file name'}`);
          return false;
        }
        try {
          const renamed = await api.renameWorkflow({ file, to: target });
          if (get().openFile === file) set({ openFile: renamed.file });
          await get().refresh();
          return true;
        } catch (err) {
          notify('error', `Could not rename ${file}: ${errorMessage(err)}`);
          return false;
        }
      },
      async remove(file) {
        try {
          await api.deleteWorkflow({ file });
          if (get().openFile === file) {
            designer.getState().close();
            set({ openFile: null, savedDoc: null, dirty: false });
          }
          await get().refresh();
          notify('info', `Deleted ${file}`);
          return true;
        } catch (err) {
          notify('error', `Could not delete ${file}: ${errorMessage(err)}`);
          return false;
        }
      },
      async importText(fileName, text) {
        if (!(await guardUnsaved('Import a workflow'))) return false;
        set({ busy: 'importing' });
        try {
          let imported;
          try {
            imported = await api.importWorkflow({ fileName, text });
          } catch (err) {
            if (!(err instanceof BackendError) || err.code !== 'CONFLICT') throw err;
            const replace = await ui.getState().confirm({
              title: 'Replace workflow?',
              message: `${errorMessage(err)}. Replace it with the imported file?`,
              confirmLabel: 'Replace',
              danger: true,
            });
            if (!replace) return false;
            imported = await api.importWorkflow({ fileName, text, overwrite: true });
          }
          await get().refresh();
          set({ openFile: null, dirty: false });
          const opened = await api.openWorkflow({ file: imported.file });
          const ok = await show(opened.file, opened.workflow);
          const errors = imported.problems.filter((p) => p.severity === 'error').length;
          if (ok)
            notify(
              errors > 0 ? 'info' : 'success',
              errors > 0
                ? `Imported ${imported.file} with ${errors} problem${errors === 1 ? '' : 's'}`
                : `Imported ${imported.file}`,
            );
          return ok;
        } catch (err) {
          notify('error', `Could not import ${fileName}: ${errorMessage(err)}`);
          return false;
        } finally {
          set({ busy: null });
        }
      },
      async exportOpen() {
        const { openFile } = get();
        if (openFile === null) return undefined;
        if (get().dirty && !(await get().save())) return undefined;
        set({ busy: 'exporting' });
        try {
          return await api.exportWorkflow({ file: openFile });
        } catch (err) {
          notify('error', `Could not export ${openFile}: ${errorMessage(err)}`);
          return undefined;
        } finally {
          set({ busy: null });
        }
      },
    };
  });

  // The dirty flag follows the designer's document.
  designer.subscribe((state, previous) => {
    if (state.doc === previous.doc) return;
    const dirty = state.doc !== null && state.doc !== store.getState().savedDoc;
    if (dirty !== store.getState().dirty) store.setState({ dirty });
  });

  return store;
}

export function lastOpenedFile(storage: Pick<Storage, 'getItem'> | undefined): string | null {
  try {
    return storage?.getItem(LAST_FILE_KEY) ?? null;
  } catch {
    return null;
  }
}
