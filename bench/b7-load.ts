import type { Browser, Page } from '@playwright/test';
import { z } from 'zod';
import type { Workflow } from '#shared';
import { coldPage } from './b7-browser-host.js';
import { dragNode, findTargets, panAndDrag, zoomIn, type GestureFrames, type Targets } from './b7-frames.js';
import { loadProbeScript, PROBE_DONE, PROBE_RESULT, settleScript } from './b7-page-scripts.js';
import { rawCanvasHtml } from './b7-raw-canvas.js';

const LOAD_TIMEOUT_MS = 90_000;
/** The zoom of the second drag: cards drawn in full and readable, as one edits them. */
export const READING_ZOOM = 1;
const CANVAS = '[data-testid="canvas"] .react-flow';
const VIEWPORT = '.react-flow__viewport';

const ProbeResult = z.object({
  firstNode: z.number().nullable(),
  measured: z.number().nullable(),
  ready: z.number(),
  rendered: z.number(),
  fcp: z.number().nullable(),
});

export interface LoadSample {
  /** Navigation start → every node drawn on the canvas (see loadProbeScript). */
  loadMs: number;
  firstNodeMs: number | undefined;
  /** Every node measured by React Flow (most still outside the initial viewport). */
  measuredMs: number | undefined;
  fcpMs: number | undefined;
  /** Node elements in the DOM at that moment. */
  rendered: number;
  /** The canvas' size on screen (the raw baseline uses the same). */
  canvas?: { width: number; height: number };
  pan?: GestureFrames;
  drag?: GestureFrames;
  /** A node dragged after zooming in to about READING_ZOOM around the middle; `zoom` is the scale reached. */
  zoomedDrag?: GestureFrames & { zoom: number };
}

/**
 * Opens the app in a fresh browser context (cold HTTP cache) with `file` as the workflow to
 * reopen, and waits until its `nodes` nodes are rendered. With `gestures`, then waits for the
 * fit animation and validation to end, and times a pan and a node drag; then zooms in to
 * about READING_ZOOM and times a node drag again.
 *
 * A load that never finishes is tried once more (reported through `log`): on a shared
 * machine a rebuild of dist/renderer while the page loads leaves it without its bundle.
 */
export async function coldLoad(
  browser: Browser,
  url: string,
  file: string,
  nodes: number,
  gestures: boolean,
  log: (message: string) => void = () => undefined,
): Promise<LoadSample> {
  try {
    return await coldLoadOnce(browser, url, file, nodes, gestures);
  } catch (err) {
    log(`${err instanceof Error ? err.message : String(err)}; trying once more`);
    return coldLoadOnce(browser, url, file, nodes, gestures);
  }
}

async function coldLoadOnce(
  browser: Browser,
  url: string,
  file: string,
  nodes: number,
  gestures: boolean,
): Promise<LoadSample> {
  const { context, page } = await coldPage(browser);
  const trouble: string[] = [];
  page.on('pageerror', (err) => trouble.push(`page error: ${err.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.push(`${response.status()} ${response.url()}`);
  });
  try {
    await page.addInitScript({ content: loadProbeScript(file, nodes) });
    await page.goto(url);
    await within(
      page.evaluate(PROBE_DONE),
      LOAD_TIMEOUT_MS,
      `${file}: its ${nodes} nodes were not all drawn${trouble.length === 0 ? '' : ` (${trouble.slice(0, 3).join('; ')})`}`,
    );
    const probe = ProbeResult.parse(await page.evaluate(PROBE_RESULT));
    const sample: LoadSample = {
      loadMs: probe.ready,
      firstNodeMs: probe.firstNode ?? undefined,
      measuredMs: probe.measured ?? undefined,
      fcpMs: probe.fcp ?? undefined,
      rendered: probe.rendered,
    };
    if (!gestures) return sample;
    await settle(page, VIEWPORT);
    const targets = await findTargets(page, CANVAS, '.react-flow__pane', '.react-flow__node');
    const { pan, drag } = await panAndDrag(page, targets, `${file}`);
    const zoom = await zoomIn(page, CANVAS, VIEWPORT, READING_ZOOM);
    await settle(page, VIEWPORT);
    const zoomedDrag = await dragNode(
      page,
      await findTargets(page, CANVAS, '.react-flow__pane', '.react-flow__node'),
      `${file} at zoom ${zoom}`,
    );
    // A gesture React Flow never saw as a drag measured nothing: fail rather than report it.
    if (pan.activeFrames === 0) throw new Error(`${file}: the pan gesture did not pan the canvas`);
    if (drag.activeFrames === 0) throw new Error(`${file}: the drag gesture did not drag a node`);
    if (zoomedDrag.activeFrames === 0) throw new Error(`${file}: the drag at zoom ${zoom} did not drag a node`);
    const canvas = { width: targets.width, height: targets.height };
    return { ...sample, canvas, pan, drag, zoomedDrag: { ...zoomedDrag, zoom } };
  } finally {
    await context.close();
  }
}

/** The same gestures on the raw baseline page (rawCanvasHtml) of the same workflow: fitted, then at READING_ZOOM. */
export async function rawGestures(
  browser: Browser,
  doc: Workflow,
  canvas: { width: number; height: number },
): Promise<{ pan: GestureFrames; drag: GestureFrames; zoomedDrag: GestureFrames }> {
  const fitted = await onRawPage(browser, rawCanvasHtml(doc, canvas), (page, targets) =>
    panAndDrag(page, targets, `raw ${doc.id}`),
  );
  const zoomedDrag = await onRawPage(browser, rawCanvasHtml(doc, canvas, READING_ZOOM), (page, targets) =>
    dragNode(page, targets, `raw ${doc.id} at zoom ${READING_ZOOM}`),
  );
  return { ...fitted, zoomedDrag };
}

async function onRawPage<T>(
  browser: Browser,
  html: string,
  act: (page: Page, targets: Targets) => Promise<T>,
): Promise<T> {
  const { context, page } = await coldPage(browser);
  try {
    await page.setContent(html);
    await settle(page, '#vp');
    return await act(page, await findTargets(page, '#pane', '#pane', '.box'));
  } finally {
    await context.close();
  }
}

async function settle(page: Page, selector: string): Promise<void> {
  await within(page.evaluate(settleScript(selector)), 60_000, `${selector} did not settle`);
}

/** `promise`, or an error after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
