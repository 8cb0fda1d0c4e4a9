import type { Page } from '@playwright/test';
import { z } from 'zod';
import { FRAMES_START, FRAMES_STOP, NEXT_FRAME, targetsScript } from './b7-page-scripts.js';

export interface Point {
  x: number;
  y: number;
}

/** Frame intervals of one gesture, and the main thread's busy time over it (Chrome DevTools Protocol). */
export interface GestureFrames {
  /** Milliseconds between consecutive animation frames while the gesture ran. */
  frames: number[];
  /** `Performance.getMetrics` TaskDuration over the gesture, per frame (ms). */
  mainThreadMsPerFrame: number;
  /** Frames in which React Flow showed a node or the pane as dragged (0 on the raw page). */
  activeFrames: number;
  /** Mouse moves sent during the gesture. */
  moves: number;
}

/** How long each gesture lasts (out and back). */
const GESTURE_MS = 1500;
const MOVE_INTERVAL_MS = 8;
const DRAG_BY: Point = { x: 160, y: 100 };

const Targets = z.object({
  panAt: z.object({ x: z.number(), y: z.number() }).nullable(),
  nodeAt: z.object({ x: z.number(), y: z.number() }).nullable(),
  width: z.number(),
  height: z.number(),
});
export type Targets = z.infer<typeof Targets>;

const Recorded = z.object({ times: z.array(z.number()), active: z.number() });
const Metrics = z.object({ metrics: z.array(z.object({ name: z.string(), value: z.number() })) });

export async function findTargets(page: Page, container: string, pane: string, node: string): Promise<Targets> {
  return Targets.parse(await page.evaluate(targetsScript(container, pane, node)));
}

/**
 * Presses the mouse at `from`, drags it by `by` and back over GESTURE_MS of wall time (see
 * moveFor) and releases. Frame times are requestAnimationFrame timestamps collected in the
 * page; the main thread's busy time is `Performance.getMetrics` (DevTools protocol).
 */
export async function gesture(page: Page, from: Point, by: Point): Promise<GestureFrames> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.mouse.move(from.x, from.y);
  await page.evaluate(FRAMES_START);
  const before = taskSeconds(await cdp.send('Performance.getMetrics'));
  await page.mouse.down();
  const moves = await moveFor(page, from, by);
  await page.mouse.move(from.x, from.y);
  await page.mouse.up();
  await page.evaluate(NEXT_FRAME);
  const after = taskSeconds(await cdp.send('Performance.getMetrics'));
  const { times, active } = Recorded.parse(await page.evaluate(FRAMES_STOP));
  await cdp.detach();
  const frames = times.slice(1).map((t, i) => t - (times[i] ?? t));
  return {
    frames,
    activeFrames: active,
    moves,
    mainThreadMsPerFrame: frames.length === 0 ? 0 : ((after - before) * 1000) / frames.length,
  };
}

/**
 * Sends a move every MOVE_INTERVAL_MS (a 125 Hz mouse) for GESTURE_MS, out to `from + by` and
 * back, without waiting for the browser between moves: when the page is slow, Chrome
 * coalesces the waiting moves into one per frame, as it does for a real mouse.
 */
async function moveFor(page: Page, from: Point, by: Point): Promise<number> {
  const sent: Promise<void>[] = [];
  let failed: Error | undefined;
  const t0 = Date.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Date.now() - t0;
      if (elapsed >= GESTURE_MS) {
        clearInterval(timer);
        resolve();
        return;
      }
      const half = GESTURE_MS / 2;
      const f = elapsed < half ? elapsed / half : (GESTURE_MS - elapsed) / half;
      sent.push(
        page.mouse.move(from.x + by.x * f, from.y + by.y * f).catch((err: unknown) => {
          failed ??= err instanceof Error ? err : new Error('a mouse move failed', { cause: err });
        }),
      );
    }, MOVE_INTERVAL_MS);
  });
  await Promise.all(sent);
  if (failed !== undefined) throw failed;
  return sent.length;
}

function taskSeconds(result: unknown): number {
  return Metrics.parse(result).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/** A wheel step (deltaY 100) zooms React Flow by 2^0.2 ≈ 1.15×. */
const WHEEL_STEP = 100;
const MAX_WHEEL_STEPS = 40;

/**
 * Zooms the view in with the mouse wheel at the middle of `container` until the scale of
 * `viewport` (its CSS transform) is at least `zoom` (it lands within one step, 1.15×, above),
 * as a person zooms in to read the cards. Returns the scale reached.
 */
export async function zoomIn(page: Page, container: string, viewport: string, zoom: number): Promise<number> {
  const box = await page.locator(container).boundingBox();
  if (box === null) throw new Error(`${container} is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let step = 0; step < MAX_WHEEL_STEPS; step++) {
    const scale = scaleOf(await page.locator(viewport).getAttribute('style'));
    if (scale >= zoom) return scale;
    await page.mouse.wheel(0, -WHEEL_STEP);
    await page.evaluate(NEXT_FRAME);
  }
  throw new Error(`${viewport} did not zoom in to ${zoom} in ${MAX_WHEEL_STEPS} wheel steps`);
}

function scaleOf(style: string | null): number {
  const match = /scale\(([\d.e-]+)\)/.exec(style ?? '');
  return match?.[1] === undefined ? 1 : Number(match[1]);
}

/** Pans the view (drag on an empty spot of the pane), then drags a node near the middle. */
export async function panAndDrag(
  page: Page,
  targets: Targets,
  label: string,
): Promise<{ pan: GestureFrames; drag: GestureFrames }> {
  if (targets.panAt === null) throw new Error(`${label}: no empty spot of the pane to start a pan from`);
  const pan = await gesture(page, targets.panAt, { x: 360, y: 120 });
  return { pan, drag: await dragNode(page, targets, label) };
}

/** Drags the node nearest the middle of the view (findTargets), as panAndDrag does. */
export async function dragNode(page: Page, targets: Targets, label: string): Promise<GestureFrames> {
  if (targets.nodeAt === null) throw new Error(`${label}: no node near the middle of the canvas to drag`);
  return gesture(page, targets.nodeAt, DRAG_BY);
}
