import { describe, expect, it } from 'vitest';
import { createUiStore } from './ui-store.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('ui store', () => {
  it('persists the theme and starts from the saved one, else the system preference', () => {
    const storage = memoryStorage();
    const ui = createUiStore({ storage, prefersDark: true });
    expect(ui.getState().theme).toBe('dark');
    ui.getState().toggleTheme();
    expect(storage.data.get('switchyard.theme')).toBe('light');
    expect(createUiStore({ storage, prefersDark: true }).getState().theme).toBe('light');
  });

  it('folds the side panels and remembers it; a damaged entry shows both', () => {
    const storage = memoryStorage();
    const ui = createUiStore({ storage });
    expect(ui.getState().panels).toEqual({ sidebar: true, inspector: true });
    ui.getState().togglePanel('inspector');
    expect(createUiStore({ storage }).getState().panels).toEqual({ sidebar: true, inspector: false });
    storage.data.set('switchyard.panels', '{not json');
    expect(createUiStore({ storage }).getState().panels).toEqual({ sidebar: true, inspector: true });
  });

  it('answers confirm and prompt requests', async () => {
    const ui = createUiStore();
    const asked = ui.getState().confirm({ title: 'Delete?', message: 'sure?' });
    ui.getState().answerConfirm(true);
    await expect(asked).resolves.toBe(true);
    const prompted = ui.getState().prompt({ title: 'Name', label: 'Name', initial: 'x' });
    ui.getState().answerPrompt('y');
    await expect(prompted).resolves.toBe('y');
  });

  it('shows a refusal and clears it after a while', () => {
    const timers: (() => void)[] = [];
    const ui = createUiStore({ setTimer: (fn) => timers.push(fn) });
    ui.getState().refuse('A start node has no inputs');
    expect(ui.getState().refusal?.message).toBe('A start node has no inputs');
    for (const fn of timers) fn();
    expect(ui.getState().refusal).toBeNull();
  });

  it("keeps a toast's link to a page", () => {
    const ui = createUiStore({ setTimer: () => undefined });
    ui.getState().notify('success', 'Approved: Pay?', { label: 'Open run', route: { page: 'run', runId: 'r_1' } });
    ui.getState().notify('info', 'Saved');
    expect(ui.getState().toasts.map((t) => t.link)).toEqual([
      { label: 'Open run', route: { page: 'run', runId: 'r_1' } },
      undefined,
    ]);
  });
});
