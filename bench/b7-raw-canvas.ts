import type { Workflow } from '#shared';

/**
 * The raw baseline of B7's frame times: a static page with the same nodes as plain
 * absolutely-positioned boxes (same grid, sizes, kind and id text) in a pane of the same size
 * as the designer's canvas, fitted the same way (12 % padding) or at a given zoom around the
 * same middle, panned by a CSS transform and dragged by `left`/`top` from a few lines of mouse
 * handlers. No framework, no store, no edges: what the browser itself needs to move that many
 * boxes.
 */
export function rawCanvasHtml(doc: Workflow, pane: { width: number; height: number }, zoomTo?: number): string {
  const boxes = doc.nodes.map((n) => {
    const terminal = n.kind === 'start' || n.kind === 'end' || n.kind === 'fail';
    const { x, y } = n.position ?? { x: 0, y: 0 };
    return { x, y, w: terminal ? 160 : 216, h: terminal ? 52 : 100, kind: n.kind, id: n.id };
  });
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const maxX = Math.max(...boxes.map((b) => b.x + b.w));
  const maxY = Math.max(...boxes.map((b) => b.y + b.h));
  // Fitted, or at `zoomTo` around the same middle.
  const zoom = zoomTo ?? Math.min(pane.width / ((maxX - minX) * 1.24), pane.height / ((maxY - minY) * 1.24), 1.1);
  const tx = (pane.width - (maxX - minX) * zoom) / 2 - minX * zoom;
  const ty = (pane.height - (maxY - minY) * zoom) / 2 - minY * zoom;
  const html = boxes
    .map(
      (b) =>
        `<div class="box" style="left:${b.x}px;top:${b.y}px;width:${b.w}px;height:${b.h}px"><b>${b.kind}</b><span>${b.id}</span></div>`,
    )
    .join('');
  return `<!doctype html><html><head><style>
body { margin: 0; font: 13px system-ui, sans-serif; }
#pane { position: absolute; left: 0; top: 0; width: ${pane.width}px; height: ${pane.height}px; overflow: hidden; background: #f6f7f9; }
#vp { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
.box { position: absolute; box-sizing: border-box; border: 1px solid #c9ccd3; border-radius: 10px; background: #fff; padding: 8px; display: flex; flex-direction: column; }
</style></head><body><div id="pane"><div id="vp" style="transform: translate(${tx}px, ${ty}px) scale(${zoom})">${html}</div></div>
<script>
const pane = document.getElementById('pane');
const vp = document.getElementById('vp');
let t = { x: ${tx}, y: ${ty} };
let drag = null;
pane.addEventListener('mousedown', (e) => {
  const box = e.target.closest('.box');
  drag = box === null
    ? { kind: 'pan', x: e.clientX, y: e.clientY, from: { ...t } }
    : { kind: 'node', el: box, x: e.clientX, y: e.clientY, left: parseFloat(box.style.left), top: parseFloat(box.style.top) };
});
window.addEventListener('mousemove', (e) => {
  if (drag === null) return;
  if (drag.kind === 'pan') {
    t = { x: drag.from.x + e.clientX - drag.x, y: drag.from.y + e.clientY - drag.y };
    vp.style.transform = 'translate(' + t.x + 'px, ' + t.y + 'px) scale(${zoom})';
  } else {
    drag.el.style.left = drag.left + (e.clientX - drag.x) / ${zoom} + 'px';
    drag.el.style.top = drag.top + (e.clientY - drag.y) / ${zoom} + 'px';
  }
});
window.addEventListener('mouseup', () => { drag = null; });
</script></body></html>`;
}
