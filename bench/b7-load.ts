import type { Browser, Page } from '@playwright/test';
import { z } from 'zod';
import type { Workflow } from '#shared';
import { coldPage } from './b7-browser-host.js';
import { findTargets, panAndDrag, type GestureFrames } from './b7-frames.js';
import { loadProbeScript, PROBE_DONE, PROBE_RESULT, settleScript } from './b7-page-scripts.js';
import { rawCanvasHtml } from './b7-raw-canvas.js';

const LOAD_TIMEOUT_MS = 90_000;

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
}

/**
 * Opens the app in a fresh browser context (cold HTTP cache) with `file` as the workflow to
 * reopen, and waits until its `nodes` nodes are rendered. With `gestures`, then waits for the
 * fit animation and validation to end, and times a pan and a node drag.
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
    await settle(page, '.react-flow__viewport');
    const targets = await findTargets(
      page,
      '[data-testid="canvas"] .react-flow',
      '.react-flow__pane',
      '.react-flow__node',
    );
    const { pan, drag } = await panAndDrag(page, targets, `${file}`);
    // A gesture React Flow never saw as a drag measured nothing: fail rather than report it.
    if (pan.activeFrames === 0) throw new Error(`${file}: the pan gesture did not pan the canvas`);
    if (drag.activeFrames === 0) throw new Error(`${file}: the drag gesture did not drag a node`);
    return { ...sample, canvas: { width: targets.width, height: targets.height }, pan, drag };
  } finally {
    await context.close();
  }
}

/** The same pan and drag on the raw baseline page (rawCanvasHtml) of the same workflow. */
export async function rawGestures(
  browser: Browser,
  doc: Workflow,
  canvas: { width: number; height: number },
): Promise<{ pan: GestureFrames; drag: GestureFrames }> {
  const { context, page } = await coldPage(browser);
  try {
    await page.setContent(rawCanvasHtml(doc, canvas));
    await settle(page, '#vp');
    const targets = await findTargets(page, '#pane', '#pane', '.box');
    return await panAndDrag(page, targets, `raw ${doc.id}`);
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
