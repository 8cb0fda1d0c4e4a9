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

/** Pans the view (drag on an empty spot of the pane), then drags a node near the middle. */
export async function panAndDrag(
  page: Page,
  targets: Targets,
  label: string,
): Promise<{ pan: GestureFrames; drag: GestureFrames }> {
  if (targets.panAt === null) throw new Error(`${label}: no empty spot of the pane to start a pan from`);
  const pan = await gesture(page, targets.panAt, { x: 360, y: 120 });
  if (targets.nodeAt === null) throw new Error(`${label}: no node near the middle of the canvas to drag`);
  const drag = await gesture(page, targets.nodeAt, { x: 160, y: 100 });
  return { pan, drag };
}
