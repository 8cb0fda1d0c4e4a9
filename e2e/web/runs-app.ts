import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { screenshotsDir, type ServeInstance } from './serve-fixture.js';

export interface Outcome {
  runId: string;
  status: string;
  output: unknown;
  waitingOn: { node: string; kind: string }[];
}

export interface HistoryEvent {
  seq: number;
  type: string;
  node?: string;
  data?: Record<string, unknown>;
}

/**
 * The run screens of the web UI: the runs list, one run (canvas, timeline, context) and the
 * approvals inbox. Tests talk to these screens only through this.
 */
export class RunsApp {
  readonly runView: Locator;
  readonly canvas: Locator;
  readonly slider: Locator;
  readonly position: Locator;
  readonly context: Locator;
  readonly runsTable: Locator;

  constructor(
    readonly page: Page,
    readonly serve: ServeInstance,
  ) {
    this.runView = page.getByTestId('run-view');
    this.canvas = page.getByTestId('run-canvas');
    this.slider = page.getByTestId('timeline-slider');
    this.position = page.getByTestId('timeline-position');
    this.context = page.getByTestId('context-tree');
    this.runsTable = page.getByTestId('runs-table');
  }

  /** Settings before the app loads; with `lastFile` the designer opens that workflow. */
  async prepare(options: { lastFile?: string; theme?: 'light' | 'dark' } = {}): Promise<void> {
    const entries: [string, string][] = [];
    if (options.lastFile !== undefined) entries.push(['switchyard.lastFile', options.lastFile]);
    if (options.theme !== undefined) entries.push(['switchyard.theme', options.theme]);
    const script = entries
      .map(([k, v]) => `localStorage.setItem(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('');
    if (script !== '') await this.page.addInitScript({ content: `try { ${script} } catch {}` });
  }

  async gotoRuns(): Promise<void> {
    await this.page.goto(`${this.serve.url}/#/runs`);
    await expect(this.page.getByTestId('runs-page')).toBeVisible();
  }

  async gotoRun(runId: string): Promise<void> {
    await this.page.goto(`${this.serve.url}/#/runs/${encodeURIComponent(runId)}`);
    await this.waitForRun(runId);
  }

  async waitForRun(runId: string): Promise<void> {
    await expect(this.page.getByTestId('run-id')).toHaveText(runId);
    await expect(this.canvas.locator('.react-flow__node').first()).toBeVisible();
  }

  /** Opens the inbox's address without waiting for the page (a sign-in may come first). */
  async gotoInboxUrl(): Promise<void> {
    await this.page.goto(`${this.serve.url}/#/inbox`);
  }

  async gotoInbox(): Promise<void> {
    await this.page.goto(`${this.serve.url}/#/inbox`);
    await expect(this.page.getByTestId('inbox-page')).toBeVisible();
  }

  node(id: string): Locator {
    return this.canvas.getByTestId(`node-${id}`);
  }

  /** Waits until each node shows the given status on the run canvas. */
  async expectStatuses(expected: Record<string, string>): Promise<void> {
    for (const [id, status] of Object.entries(expected))
      await expect(this.node(id), `node ${id}`).toHaveAttribute('data-run-status', status);
  }

  async expectRunStatus(status: string): Promise<void> {
    await expect(this.page.getByTestId('run-status')).toHaveAttribute('data-status', status);
  }

  /** Moves the timeline to event `seq` with the slider. */
  async scrubTo(seq: number): Promise<void> {
    await this.slider.fill(String(seq));
    await expect(this.position).toHaveAttribute('data-seq', String(seq));
  }

  event(seq: number): Locator {
    return this.page.getByTestId(`event-${seq}`);
  }

  /** A value's row in the context tree, e.g. `vars.rate`. */
  contextRow(path: string): Locator {
    return this.context.locator(`[data-path="${path}"]`).first();
  }

  async history(runId: string): Promise<HistoryEvent[]> {
    return this.serve.api<HistoryEvent[]>('getHistory', { runId });
  }

  /** The seq of the first event matching type (and node). */
  async seqOf(runId: string, type: string, node?: string): Promise<number> {
    const found = (await this.history(runId)).find((e) => e.type === type && (node === undefined || e.node === node));
    if (found === undefined) throw new Error(`run ${runId} has no ${type} ${node ?? ''}`);
    return found.seq;
  }

  async shot(name: string): Promise<void> {
    mkdirSync(screenshotsDir, { recursive: true });
    // Animations (the waiting pulse, spinners) are frozen so screenshots are stable.
    await this.page.screenshot({ path: join(screenshotsDir, `${name}.png`), animations: 'disabled' });
  }
}
