import { useEffect } from 'react';
import { useStores } from '../stores/stores-context.js';
import { useRunViewStore } from './run-view-context.js';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('[role="dialog"]') !== null) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  // The timeline's slider takes the same keys as the page (its own ←/→ would ignore Shift and Space).
  return (
    target instanceof HTMLInputElement &&
    target.type !== 'checkbox' &&
    target.type !== 'button' &&
    target.type !== 'range'
  );
}

/** ←/→ (or k/j) step through the events (Shift: 10), Home/End jump, Space plays and pauses; the slider too. */
export function useTimelineKeys(): void {
  const store = useRunViewStore();
  const { ui } = useStores();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      if (ui.getState().confirmRequest !== null) return;
      const state = store.getState();
      if (state.timeline === null) return;
      const big = event.shiftKey ? 10 : 1;
      if (event.key === 'ArrowLeft' || event.key === 'k') state.step(-big);
      else if (event.key === 'ArrowRight' || event.key === 'j') state.step(big);
      else if (event.key === 'Home') state.select(1);
      else if (event.key === 'End') state.select(null);
      else if (event.key === ' ') state.setPlaying(!state.playing);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, ui]);
}
