/**
 * Undo/redo over immutable document snapshots. Edits that share a coalescing key and follow
 * each other within `windowMs` (typing in one inspector field, one drag) make one undo step.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  readonly lastKey: string | undefined;
  readonly lastAt: number;
}

export const HISTORY_LIMIT = 200;
export const COALESCE_WINDOW_MS = 1000;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: undefined, lastAt: 0 };
}

export function record<T>(
  history: History<T>,
  next: T,
  now: number,
  key?: string,
  windowMs = COALESCE_WINDOW_MS,
): History<T> {
  if (next === history.present) return history;
  const coalesce =
    key !== undefined && key === history.lastKey && now - history.lastAt <= windowMs && history.future.length === 0;
  if (coalesce) return { ...history, present: next, lastAt: now };
  const past = [...history.past, history.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAt: now };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: undefined,
    lastAt: 0,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastKey: undefined, lastAt: 0 };
}

/** Replaces the present without an undo step (e.g. the version number the server assigned on save). */
export function replacePresent<T>(history: History<T>, present: T): History<T> {
  return { ...history, present };
}
