/**
 * Code that runs inside the page, as strings: the bench is Node code (its tsconfig has no DOM
 * types), and these scripts only read the DOM and time frames. Results come back as plain
 * JSON and are checked with zod on the Node side.
 */

const LAST_FILE_KEY = 'switchyard.lastFile';

/**
 * Installed before the app's own scripts. Opens `file` at start (the app reopens the last
 * file) and records, at the start of the first frame where it holds (ms since navigation start):
 * - `firstNode`: some workflow node is drawn on the canvas (React Flow shows a node once it
 *   has measured it);
 * - `measured`: all `want` nodes are measured. The minimap draws a node once React Flow has
 *   measured it, and React Flow mounts every node once to measure it even with
 *   `onlyRenderVisibleElements`, so the minimap's node count is the store's measured count.
 *   At that moment the canvas holds only the nodes in the initial viewport;
 * - `ready`: after the designer's fit, all `want` nodes are drawn on the canvas (the generated
 *   workflows fit the screen above the minimum zoom, so every node is in view): the user
 *   sees the whole workflow. This is the cold load's end.
 */
export function loadProbeScript(file: string, want: number): string {
  return `(() => {
  try { localStorage.setItem(${JSON.stringify(LAST_FILE_KEY)}, ${JSON.stringify(file)}); } catch {}
  const probe = { want: ${want}, firstNode: null, measured: null, ready: null, rendered: 0 };
  probe.done = new Promise((resolve) => { probe.resolve = resolve; });
  window.__benchProbe = probe;
  const drawn = () => {
    let n = 0;
    for (const el of document.querySelectorAll('.react-flow__node')) if (el.style.visibility !== 'hidden') n++;
    return n;
  };
  const tick = () => {
    const now = performance.now();
    const shown = drawn();
    if (probe.firstNode === null && shown > 0) probe.firstNode = now;
    if (probe.measured === null && document.querySelectorAll('.react-flow__minimap-node').length >= probe.want) {
      probe.measured = now;
    }
    // Nodes show at their estimated size before React Flow measures them; edges need the measurement.
    const edgesDrawn = document.querySelector('.react-flow__edge-path, .overview-edge') !== null;
    if (probe.measured !== null && shown >= probe.want && edgesDrawn) {
      probe.ready = now;
      probe.rendered = document.querySelectorAll('.react-flow__node').length;
      probe.resolve(true);
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
}

/** Resolves once the probe saw every node (the page's CSP forbids eval, so no waitForFunction). */
export const PROBE_DONE = 'window.__benchProbe.done';
export const PROBE_RESULT = `({
  firstNode: window.__benchProbe.firstNode,
  measured: window.__benchProbe.measured,
  ready: window.__benchProbe.ready,
  rendered: window.__benchProbe.rendered,
  fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
})`;

/** Resolves with the first contentful paint's time, once there is one. */
export const FCP = `new Promise((resolve) => {
  const seen = (entries) => entries.find((e) => e.name === 'first-contentful-paint');
  const now = seen(performance.getEntriesByType('paint'));
  if (now !== undefined) { resolve(now.startTime); return; }
  new PerformanceObserver((list, observer) => {
    const fcp = seen(list.getEntries());
    if (fcp !== undefined) { observer.disconnect(); resolve(fcp.startTime); }
  }).observe({ type: 'paint', buffered: true });
})`;

/**
 * Resolves true once `selector`'s transform has not changed for 10 frames and the designer is
 * not validating (its problems panel says "checking…" meanwhile): the fit animation is over.
 * Resolves false when that has not happened after 1,200 frames.
 */
export function settleScript(selector: string): string {
  return `new Promise((resolve) => {
  let last = null;
  let same = 0;
  let frames = 0;
  const tick = () => {
    if (++frames > 1200) { resolve(false); return; }
    const el = document.querySelector(${JSON.stringify(selector)});
    const now = el === null ? null : el.style.transform;
    const busy = document.querySelector('.problems-checking') !== null;
    same = now === last && !busy ? same + 1 : 0;
    last = now;
    if (same >= 10) resolve(true); else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;
}

export const NEXT_FRAME = 'new Promise((resolve) => requestAnimationFrame(() => resolve(true)))';

/**
 * Starts recording animation frame timestamps; `active` counts the frames in which React Flow
 * marks a node or the pane as being dragged (0 on pages without React Flow).
 */
export const FRAMES_START = `(() => {
  const rec = { on: true, times: [], active: 0 };
  window.__benchFrames = rec;
  const tick = (t) => {
    if (!rec.on) return;
    rec.times.push(t);
    if (document.querySelector('.react-flow .dragging') !== null) rec.active++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return true;
})()`;

export const FRAMES_STOP = `(() => { const rec = window.__benchFrames; rec.on = false; return { times: rec.times, active: rec.active }; })()`;

/**
 * Where to press to pan and to drag a node: an empty spot of the pane near the left edge of
 * `container` (fitView leaves a margin there), and the middle of the node nearest its centre.
 */
export function targetsScript(container: string, pane: string, node: string): string {
  return `(() => {
  const box = document.querySelector(${JSON.stringify(container)}).getBoundingClientRect();
  const at = (x, y) => document.elementFromPoint(x, y);
  let panAt = null;
  for (let dy = 0; dy < box.height / 2 && panAt === null; dy += 8) {
    for (const y of [box.top + box.height / 2 - dy, box.top + box.height / 2 + dy]) {
      const el = at(box.left + 12, y);
      if (el !== null && el.matches(${JSON.stringify(pane)})) { panAt = { x: box.left + 12, y }; break; }
    }
  }
  let nodeAt = null;
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  for (let r = 0; r < Math.min(box.width, box.height) / 2 && nodeAt === null; r += 6) {
    for (let a = 0; a < 8 && nodeAt === null; a++) {
      const el = at(cx + r * Math.cos((a * Math.PI) / 4), cy + r * Math.sin((a * Math.PI) / 4));
      const hit = el === null ? null : el.closest(${JSON.stringify(node)});
      if (hit !== null) {
        const b = hit.getBoundingClientRect();
        nodeAt = { x: b.left + b.width / 2, y: b.top + Math.min(10, b.height / 2) };
      }
    }
  }
  return { panAt, nodeAt, width: box.width, height: box.height };
})()`;
}
