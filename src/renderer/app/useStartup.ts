import { useEffect } from 'react';
import { useStores } from '../stores/stores-context.js';
import { preloadCodeField } from '../editor/LazyCodeField.js';
import { lastOpenedFile } from '../stores/workspace-store.js';
import type { Commands } from './useCommands.js';

/** Loads the workflow list, reopens the last workflow, and follows the Electron menu. */
export function useStartup(commands: Commands): void {
  const { workspace, transport } = useStores();
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const listed = workspace.getState().refresh();
      // The workflow open last time, even with problems (they were being fixed), fetched while the
      // list loads (first paint waits for it); else the first valid one.
      const last = lastOpenedFile(safeStorage());
      if (last !== null) await workspace.getState().open(last, { quiet: true });
      await listed;
      if (cancelled || workspace.getState().openFile !== null) return;
      const pick = workspace.getState().files.find((f) => f.error === undefined);
      if (pick !== undefined) await workspace.getState().open(pick.file);
    })().finally(() => {
      // After the canvas is drawn: parsing the editor must not delay the first paint.
      window.requestIdleCallback(() => preloadCodeField());
    });
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
