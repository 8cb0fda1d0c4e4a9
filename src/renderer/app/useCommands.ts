import { useMemo } from 'react';
import { WorkflowFileName } from '#shared';
import { useStores } from '../stores/stores-context.js';
import { downloadText, flowFileName } from './download.js';

export interface Commands {
  save: () => void;
  newWorkflow: () => void;
  openDialog: () => void;
  importFile: (file: File) => void;
  exportWorkflow: () => void;
  undo: () => void;
  redo: () => void;
  layout: () => void;
  fit: () => void;
  toggleStatechart: () => void;
  toggleTheme: () => void;
  deleteSelection: () => void;
  copy: () => void;
  cut: () => void;
  paste: () => void;
  selectAll: () => void;
  renameWorkflowFile: (file: string) => void;
  deleteWorkflowFile: (file: string) => void;
}

/** The app's commands, shared by the toolbar, the keyboard shortcuts and the Electron menu. */
export function useCommands(): Commands {
  const { designer, workspace, ui } = useStores();
  return useMemo((): Commands => {
    const notify = (tone: 'info' | 'success' | 'error', message: string): void => ui.getState().notify(tone, message);
    return {
      save: () => void workspace.getState().save(),
      newWorkflow: () => {
        void (async () => {
          const name = await ui.getState().prompt({
            title: 'New workflow',
            label: 'Name',
            initial: 'Untitled workflow',
            confirmLabel: 'Create',
            validate: (value) => (value.trim() === '' ? 'Give the workflow a name' : undefined),
          });
          if (name !== undefined) await workspace.getState().create(name.trim());
        })();
      },
      openDialog: () => ui.getState().setOpenDialogOpen(true),
      importFile: (file) => {
        void (async () => {
          const text = await file.text();
          await workspace.getState().importText(file.name, text);
        })();
      },
      exportWorkflow: () => {
        void (async () => {
          const exported = await workspace.getState().exportOpen();
          if (exported === undefined) return;
          downloadText(flowFileName(exported.fileName), exported.text);
          notify('success', `Exported ${flowFileName(exported.fileName)}`);
        })();
      },
      undo: () => designer.getState().undo(),
      redo: () => designer.getState().redo(),
      layout: () => {
        void designer
          .getState()
          .autoLayout()
          .then((done) => {
            if (done) ui.getState().fitView();
          });
      },
      fit: () => ui.getState().fitView(),
      toggleStatechart: () => {
        const open = !ui.getState().statechartOpen;
        if (open) designer.getState().compileStatechart();
        ui.getState().setStatechartOpen(open);
      },
      toggleTheme: () => ui.getState().toggleTheme(),
      deleteSelection: () => designer.getState().deleteSelection(),
      copy: () => {
        designer.getState().copy();
      },
      cut: () => designer.getState().cut(),
      paste: () => {
        designer.getState().paste();
      },
      selectAll: () => designer.getState().selectAll(),
      renameWorkflowFile: (file) => {
        void (async () => {
          const to = await ui.getState().prompt({
            title: 'Rename workflow file',
            label: 'File name',
            initial: file,
            confirmLabel: 'Rename',
            validate: (value) => {
              const parsed = WorkflowFileName.safeParse(flowFileName(value.trim()));
              return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'Not a valid file name');
            },
          });
          if (to !== undefined && flowFileName(to.trim()) !== file)
            await workspace.getState().rename(file, flowFileName(to.trim()));
        })();
      },
      deleteWorkflowFile: (file) => {
        void (async () => {
          const ok = await ui.getState().confirm({
            title: 'Delete workflow?',
            message: `${file} will be removed from the workspace. Its past runs stay in the run store.`,
            confirmLabel: 'Delete',
            danger: true,
          });
          if (ok) await workspace.getState().remove(file);
        })();
      },
    };
  }, [designer, workspace, ui]);
}
