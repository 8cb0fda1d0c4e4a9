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
      const files = workspace.getState().files.filter((f) => f.error === undefined);
      const last = lastOpenedFile(safeStorage());
      const pick = files.find((f) => f.file === last) ?? files[0];
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
