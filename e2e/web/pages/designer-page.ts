import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { screenshotsDir } from '../serve-fixture.js';
import { boxesOverlap, parseTranslate, type Box, type Point } from './geometry.js';

const LAST_FILE_KEY = 'switchyard.lastFile';

/**
 * The designer screen of the web UI (`switchyard serve`): toolbar, workflow list, palette,
 * canvas, inspector, problems panel and dialogs. Tests talk to the UI only through this.
 */
export class DesignerPage {
  readonly toolbar: Locator;
  readonly canvas: Locator;
  readonly pane: Locator;
  readonly inspector: Locator;
  readonly problems: Locator;
  readonly statechart: Locator;
  readonly refusedBanner: Locator;
  readonly emptyState: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.toolbar = page.getByRole('toolbar', { name: 'Designer toolbar' });
    this.canvas = page.getByTestId('canvas');
    this.pane = this.canvas.locator('.react-flow__pane');
    this.inspector = page.getByTestId('inspector');
    this.problems = page.getByTestId('problems');
    this.statechart = page.getByTestId('statechart');
    this.refusedBanner = page.getByTestId('connection-refused');
    this.emptyState = page.getByTestId('canvas-empty');
  }

  /** Loads the app; with `file`, the app opens that workflow at start (the workspace's "last opened" file). */
  async goto(file?: string): Promise<void> {
    if (file !== undefined) {
      const script = `try { localStorage.setItem(${JSON.stringify(LAST_FILE_KEY)}, ${JSON.stringify(file)}); } catch {}`;
      await this.page.addInitScript({ content: script });
    }
    await this.page.goto(this.baseUrl);
    if (file !== undefined) await this.waitForWorkflow(file);
  }

  /** Waits until `file` is the open workflow and its canvas has settled (nodes measured, fit animation over). */
  async waitForWorkflow(file: string): Promise<void> {
    // The first load of the app (bundle, workspace list, document) is the slowest step on a busy CI machine.
    const slow = { timeout: 30_000 };
    await expect(this.workflowItem(file).getByRole('button').first()).toHaveAttribute('aria-current', 'page', slow);
    await expect(this.nodes().first()).toBeVisible(slow);
    await this.waitForCanvasIdle();
  }

  /** The viewport transform stops changing (React Flow animates fitView). */
  async waitForCanvasIdle(): Promise<void> {
    const viewport = this.canvas.locator('.react-flow__viewport');
    let last: string | null = null;
    await expect
      .poll(
        async () => {
          const now = await viewport.getAttribute('style');
          const still = now === last;
          last = now;
          return still;
        },
        { intervals: [150], timeout: 15_000, message: 'the canvas keeps moving' },
      )
      .toBe(true);
  }

  // ---- toolbar -------------------------------------------------------------------------

  button(
    testId:
      'btn-undo' | 'btn-redo' | 'btn-layout' | 'btn-fit' | 'btn-statechart' | 'btn-save' | 'btn-export' | 'btn-theme',
  ): Locator {
    return this.page.getByTestId(testId);
  }

  docTitle(): Locator {
    return this.page.getByTestId('doc-title');
  }

  dirtyMarker(): Locator {
    return this.page.getByTestId('dirty-marker');
  }

  async save(): Promise<void> {
    await this.button('btn-save').click();
    await expect(this.dirtyMarker()).toHaveCount(0);
  }

  /** Clicks Export and returns the downloaded file's name and text. */
  async export(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.button('btn-export').click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }

  // ---- workflow list ---------------------------------------------------------------------

  workflowItem(file: string): Locator {
    return this.page.getByTestId(`workflow-item-${file}`);
  }

  async openFromList(file: string): Promise<void> {
    await this.workflowItem(file).getByRole('button').first().click();
    await this.waitForWorkflow(file);
  }

  // ---- palette ---------------------------------------------------------------------------

  paletteItem(kind: string): Locator {
    return this.page.getByRole('navigation', { name: 'Node palette' }).getByTestId(`palette-${kind}`);
  }

  paletteItems(): Locator {
    return this.page.getByRole('navigation', { name: 'Node palette' }).locator('[data-testid^="palette-"]');
  }

  /**
   * Drags a palette item onto the canvas (HTML5 drag and drop). `at` is a fraction of the
   * canvas' current size ({x: 0.5, y: 0.5} is the middle): the canvas shrinks as the
   * problems panel grows, so pixels measured earlier may be off the canvas by now.
   */
  async dragFromPalette(kind: string, at: Point): Promise<void> {
    const box = await this.canvas.boundingBox();
    if (box === null) throw new Error('the canvas is not on screen');
    await this.paletteItem(kind).dragTo(this.canvas, {
      targetPosition: { x: box.width * at.x, y: box.height * at.y },
    });
  }

  // ---- canvas ----------------------------------------------------------------------------

  nodes(): Locator {
    return this.canvas.locator('.react-flow__node');
  }

  edges(): Locator {
    return this.canvas.locator('.react-flow__edge');
  }

  /** A node on the canvas, by workflow node id (React Flow's wrapper element). */
  node(id: string): Locator {
    return this.canvas.locator(`.react-flow__node[data-id="${id}"]`);
  }

  /** The visible card inside a node (carries the kind, selection and problem classes). */
  nodeCard(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  nodeSummary(id: string): Locator {
    return this.nodeCard(id).locator('.wf-summary');
  }

  nodeBadge(id: string): Locator {
    return this.nodeCard(id).getByTestId('diagnostics-badge');
  }

  /** An output port's handle: `Output of start` for start, `Port true of check` for cards. */
  outputHandle(nodeId: string, port?: string): Locator {
    const name = port === undefined ? `Output of ${nodeId}` : `Port ${port} of ${nodeId}`;
    return this.page.getByLabel(name, { exact: true });
  }

  inputHandle(nodeId: string): Locator {
    return this.page.getByLabel(`Input of ${nodeId}`, { exact: true });
  }

  /** Presses the mouse on `from`, moves in small steps to `to` and releases (how a person drags a connection). */
  async dragBetween(from: Locator, to: Locator): Promise<void> {
    const a = await centerOf(from);
    const b = await centerOf(to);
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + (b.x - a.x) / 2, a.y + (b.y - a.y) / 2, { steps: 8 });
    await this.page.mouse.move(b.x, b.y, { steps: 8 });
    await this.page.mouse.up();
  }

  async selectNode(id: string): Promise<void> {
    await this.nodeCard(id).click();
    await expect(this.page.getByTestId('node-inspector')).toBeVisible();
    await expect(this.page.getByTestId('inspector-id')).toHaveValue(id);
  }

  /** Clicks the empty canvas (its top-left corner), which selects nothing. */
  async clearSelection(): Promise<void> {
    await this.pane.click({ position: { x: 10, y: 10 } });
    await expect(this.page.getByTestId('workflow-inspector')).toBeVisible();
  }

  /** A node's position in flow coordinates (from React Flow's transform, independent of pan and zoom). */
  async flowPosition(id: string): Promise<Point> {
    return parseTranslate(await this.node(id).getAttribute('style'));
  }

  /** Screen boxes of every rendered node, by id. */
  async nodeBoxes(): Promise<Map<string, Box>> {
    const boxes = new Map<string, Box>();
    for (const node of await this.nodes().all()) {
      const id = await node.getAttribute('data-id');
      const box = await node.boundingBox();
      if (id !== null && box !== null) boxes.set(id, box);
    }
    return boxes;
  }

  /** Pairs of nodes whose boxes overlap on screen. */
  async overlappingNodes(): Promise<string[]> {
    const entries = [...(await this.nodeBoxes())];
    const pairs: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const a = entries[i];
        const b = entries[j];
        if (a !== undefined && b !== undefined && boxesOverlap(a[1], b[1])) pairs.push(`${a[0]} × ${b[0]}`);
      }
    }
    return pairs;
  }

  // ---- inspector -------------------------------------------------------------------------

  /** A code (CodeMirror) field of the node inspector, by its visible label. */
  codeField(label: string): Locator {
    return this.inspector.getByRole('textbox', { name: label, exact: true });
  }

  /** Replaces a code field's whole text, as typed. */
  async setCodeField(label: string, text: string): Promise<void> {
    const field = this.codeField(label);
    await field.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
    await expect(field).toHaveText(text);
  }

  fieldProblems(): Locator {
    return this.inspector.getByTestId('field-problem');
  }

  // ---- problems panel --------------------------------------------------------------------

  problemRows(): Locator {
    return this.problems.getByTestId('problem-row');
  }

  errorCount(): Locator {
    return this.page.getByTestId('problems-error-count');
  }

  // ---- artifacts -------------------------------------------------------------------------

  /** Writes test-results/screenshots/designer-NAME.png and attaches it to the report. */
  async screenshot(name: string): Promise<void> {
    const path = join(screenshotsDir, `designer-${name}.png`);
    await this.page.screenshot({ path, animations: 'disabled' });
    await test.info().attach(`designer-${name}`, { path, contentType: 'image/png' });
  }
}

async function centerOf(locator: Locator): Promise<Point> {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${locator.toString()} has no box on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
