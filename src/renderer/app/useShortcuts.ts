import { useEffect } from 'react';
import { useStores } from '../stores/stores-context.js';
import type { Commands } from './useCommands.js';

/** Whether keys typed now belong to a text field (CodeMirror included), not to the canvas. */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.cm-editor') !== null) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (target instanceof HTMLInputElement)
    return target.type !== 'checkbox' && target.type !== 'radio' && target.type !== 'button';
  return false;
}

/**
 * Keyboard shortcuts. Undo/redo, save and find node work everywhere (the designer's history covers
 * inspector edits); deleting, copying, selecting all, layout and fit only when the keys are
 * not typing into a field; nothing while a dialog is open.
 */
export function useShortcuts(commands: Commands): void {
  const { ui, designer, nav } = useStores();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const state = ui.getState();
      if (state.confirmRequest !== null || state.promptRequest !== null || state.openDialogOpen) return;
      if (designer.getState().doc === null || nav.getState().route.page !== 'designer') return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const typing = inTextField(event.target);
      if (mod && key === 's') {
        event.preventDefault();
        commands.save();
        return;
      }
      if (mod && !event.altKey && ((key === 'z' && event.shiftKey) || key === 'y')) {
        event.preventDefault();
        commands.redo();
        return;
      }
      if (mod && !event.altKey && key === 'z') {
        event.preventDefault();
        commands.undo();
        return;
      }
      if (mod && !event.altKey && !event.shiftKey && key === 'f') {
        // Instead of the browser's find in page, which cannot see nodes outside the view.
        event.preventDefault();
        state.setFindOpen(true);
        return;
      }
      if (typing || state.statechartOpen) return;
      if (mod && key === 'a') {
        event.preventDefault();
        commands.selectAll();
      } else if (mod && key === 'c') {
        commands.copy();
      } else if (mod && key === 'x') {
        commands.cut();
      } else if (mod && key === 'v') {
        event.preventDefault();
        commands.paste();
      } else if (!mod && !event.altKey && (event.key === 'Delete' || event.key === 'Backspace')) {
        event.preventDefault();
        commands.deleteSelection();
      } else if (!mod && !event.altKey && event.shiftKey && key === 'l') {
        event.preventDefault();
        commands.layout();
      } else if (!mod && !event.altKey && !event.shiftKey && key === 'f') {
        event.preventDefault();
        commands.fit();
      } else if (event.key === 'Escape') {
        designer.getState().select({ nodes: [], edges: [] });
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, ui, designer, nav]);
}
