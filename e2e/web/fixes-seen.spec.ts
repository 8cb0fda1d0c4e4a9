import type { Workflow } from '#shared';
import type { Locator } from '@playwright/test';
import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

const STEPS = 12;
const NOTE = `Deliver to the loading dock behind the north warehouse; ${'ring twice and wait, '.repeat(8)}thanks.`;

/** start → s1 … s12 (transforms) → done, laid out in one long row: wider than any window at zoom 1. */
const chainDoc: Workflow = {
  format: 'switchyard/workflow@1',
  id: 'long-chain',
  name: 'Long chain',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    ...Array.from({ length: STEPS }, (_, i) => ({
      id: `s${i + 1}`,
      kind: 'transform' as const,
      position: { x: 320 * (i + 1), y: 0 },
      config: { output: `${i + 1}` },
    })),
    { id: 'done', kind: 'end', position: { x: 320 * (STEPS + 1), y: 0 } },
  ],
  edges: ['start', ...Array.from({ length: STEPS }, (_, i) => `s${i + 1}`), 'done'].flatMap((from, i, all) => {
    const to = all[i + 1];
    return to === undefined ? [] : [{ from, to }];
  }),
};

const LONG_NODE = 'approve_the_quarterly_budget_of_the_northern_region_warehouses';
const approvalDoc: Workflow = {
  format: 'switchyard/workflow@1',
  id: 'budget',
  name: 'Budget',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: LONG_NODE, kind: 'approval', position: { x: 260, y: 0 }, config: { title: 'Approve the budget?' } },
    { id: 'done', kind: 'end', position: { x: 560, y: 0 } },
  ],
  edges: [
    { from: 'start', to: LONG_NODE },
    { from: LONG_NODE, port: 'approved', to: 'done' },
    { from: LONG_NODE, port: 'rejected', to: 'done' },
  ],
};

/** What the page functions read of an element (e2e code has no DOM types). */
interface Box {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
}

async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (a === null || b === null) return false;
  return a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}

test.describe('fixes of what was seen', () => {
  test('the timeline slider, node clicks, the context tree and following the active node', async ({ page, serve }) => {
    const { runId } = await serve.api<Outcome>('startRun', {
      workflow: chainDoc,
      input: { customer: { name: 'ACME', address: { city: 'Lyon', zip: '69001' } }, note: NOTE },
    });
    const app = new RunsApp(page, serve);
    const events = await app.history(runId);
    await app.gotoRun(runId);

    // With the slider focused, Shift+→ steps 10 and Space plays.
    await app.scrubTo(2);
    await app.slider.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect(app.position).toHaveAttribute('data-seq', '12');
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(app.position).toHaveAttribute('data-seq', '2');
    await page.keyboard.press('ArrowRight');
    await expect(app.position).toHaveAttribute('data-seq', '3');
    await expect(app.slider).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('timeline-play')).toHaveAccessibleName('Pause');
    await expect
      .poll(async () => Number(await app.position.getAttribute('data-seq')), { timeout: 5000 })
      .toBeGreaterThan(3);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('timeline-play')).toHaveAccessibleName('Play');

    // Clicking a node jumps to its latest event, wherever the timeline stood.
    await app.scrubTo(1);
    const lastOfS5 = events.filter((e) => e.node === 's5').at(-1)?.seq ?? 0;
    await app.node('s5').click();
    await expect(app.position).toHaveAttribute('data-seq', String(lastOfS5));
    await app.expectStatuses({ s5: 'completed', s6: 'idle' });
    // The click opened the node's own tab (its data); the run's state is the other tab.
    await expect(page.getByTestId('node-data')).toHaveAttribute('data-node', 's5');
    await page.getByRole('tab', { name: 'Run state' }).click();

    // The context tree opens on the key as well as on the chevron, and shows long values on hover.
    const address = app.contextRow('input.customer.address');
    await expect(address.getByRole('button', { name: 'Expand input.customer.address' })).toBeVisible();
    await expect(app.contextRow('input.customer.address.city')).toHaveCount(0);
    await address.locator('.json-key').first().click();
    await expect(address.getByRole('button', { name: 'Collapse input.customer.address' })).toBeVisible();
    await expect(app.contextRow('input.customer.address.city')).toContainText('"Lyon"');
    const note = app.contextRow('input.note').locator('.json-string');
    await expect(note).toHaveAttribute('title', NOTE);
    const cut = await note.evaluate((el: Box) => el.scrollWidth > el.clientWidth);
    expect(cut).toBe(true);
    await address.locator('.json-key').first().click();
    await expect(app.contextRow('input.customer.address.city')).toHaveCount(0);

    // The canvas follows the active node at any zoom: zoomed in, far along the row.
    const zoomIn = app.canvas.locator('.react-flow__controls-zoomin');
    for (let i = 0; i < 8; i++) await zoomIn.click();
    await app.scrubTo(2);
    await expect.poll(() => inside(app.node('start'), app.canvas)).toBe(true);
    const enteredS11 = events.find((e) => e.type === 'node.entered' && e.node === 's11')?.seq ?? 0;
    await app.scrubTo(enteredS11);
    await app.expectStatuses({ s11: 'active' });
    await expect.poll(() => inside(app.node('s11'), app.canvas)).toBe(true);
    await expect.poll(() => inside(app.node('start'), app.canvas)).toBe(false);
    await app.shot('fixes-follow-zoomed-in');
    // Zoomed far out: still on screen after a jump back to the start.
    const zoomOut = app.canvas.locator('.react-flow__controls-zoomout');
    for (let i = 0; i < 14; i++) await zoomOut.click();
    await app.scrubTo(2);
    await expect.poll(() => inside(app.node('start'), app.canvas)).toBe(true);
  });

  test('dark-mode edges stay visible zoomed out', async ({ page, serve }) => {
    const { runId } = await serve.api<Outcome>('startRun', { workflow: chainDoc, input: {} });
    const app = new RunsApp(page, serve);
    await app.prepare({ theme: 'dark' });
    await app.gotoRun(runId);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // Fitting 14 nodes in a row puts the view well under 60 %.
    await expect(app.canvas).toHaveClass(/\bis-zoomed-out\b/);
    const edge = app.canvas.locator('.react-flow__edge path.wf-edge').first();
    await expect(edge).toBeVisible();
    // Taken edges are green; the stroke keeps its width on screen whatever the zoom.
    await expect(edge).toHaveCSS('vector-effect', 'non-scaling-stroke');
    await expect(edge).toHaveCSS('stroke-width', '2.25px');
    await app.shot('fixes-dark-edges-zoomed-out');

    // An edge not taken uses the stronger edge colour of the dark theme.
    const idle = app.canvas.locator('.react-flow__edge path.wf-edge.run-untaken').first();
    const { runId: waiting } = await serve.api<Outcome>('startRun', { workflow: approvalDoc, input: {} });
    await app.gotoRun(waiting);
    for (let i = 0; i < 5; i++) await app.canvas.locator('.react-flow__controls-zoomout').click();
    await expect(app.canvas).toHaveClass(/\bis-zoomed-out\b/);
    await expect(idle).toHaveCSS('stroke', 'rgb(138, 148, 166)');
    await app.shot('fixes-dark-edges-untaken');
  });

  test('the inbox shows the whole node name; the toast after approving links to the run; favicon', async ({
    page,
    serve,
  }) => {
    const { runId } = await serve.api<Outcome>('startRun', { workflow: approvalDoc, input: {} });
    const app = new RunsApp(page, serve);
    await app.gotoInbox();
    const key = `${runId}-${LONG_NODE}`;
    const node = page.getByTestId(`approval-node-${key}`);
    await expect(node).toHaveText(LONG_NODE);
    expect(
      await node.evaluate((el: Box) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight),
    ).toBe(true);
    await app.shot('fixes-inbox-node');

    await page.getByTestId(`approve-${key}`).click();
    const toast = page.getByTestId('toast-success');
    await expect(toast).toContainText('Approved: Approve the budget?');
    await app.shot('fixes-approval-toast');
    await toast.getByTestId('toast-link').click();
    await app.waitForRun(runId);
    await app.expectRunStatus('completed');

    // The page has an icon (the app's), served as SVG.
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/\.svg$/);
    const icon = await page.request.get(new URL(href ?? '', page.url()).toString());
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
  });
});
