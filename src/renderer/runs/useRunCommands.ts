import { useMemo } from 'react';
import { downloadText } from '../app/download.js';
import { createRunCommands, type RunCommands } from '../stores/run-commands.js';
import { useStores } from '../stores/stores-context.js';
import { useRunViewStore } from './run-view-context.js';

export type { RunCommands } from '../stores/run-commands.js';

/** The open run's commands (approve, signal, fork, export, replay check…). */
export function useRunCommands(): RunCommands {
  const stores = useStores();
  const view = useRunViewStore();
  return useMemo(() => createRunCommands(stores, view, downloadText), [stores, view]);
}
