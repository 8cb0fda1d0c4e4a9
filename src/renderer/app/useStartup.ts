import { useEffect } from 'react';
import { useStores } from '../stores/stores-context.js';
import { lastOpenedFile } from '../stores/workspace-store.js';
import type { Commands } from './useCommands.js';

/** Loads the workflow list, reopens the last workflow, and follows the Electron menu. */
export function useStartup(commands: Commands): void {
  const { workspace, transport } = useStores();
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      await workspace.getState().refresh();
      if (cancelled || workspace.getState().openFile !== null) return;
      const files = workspace.getState().files;
      const last = lastOpenedFile(safeStorage());
      // The workflow open last time, even with problems (they were being fixed); else the first valid one.
      const pick = files.find((f) => f.file === last) ?? files.find((f) => f.error === undefined);
      if (pick !== undefined) await workspace.getState().open(pick.file);
    })();
    return () => {
      cancelled = true;
    };
  }, [workspace]);

  useEffect(
    () =>
      transport.onMenu((command) => {
        const run: Record<string, (() => void) | undefined> = {
          save: commands.save,
          new: commands.newWorkflow,
          open: commands.openDialog,
          undo: commands.undo,
          redo: commands.redo,
          layout: commands.layout,
          fit: commands.fit,
          statechart: commands.toggleStatechart,
          theme: commands.toggleTheme,
          'select-all': commands.selectAll,
          copy: commands.copy,
          paste: commands.paste,
          delete: commands.deleteSelection,
        };
        run[command]?.();
      }),
    [transport, commands],
  );
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
