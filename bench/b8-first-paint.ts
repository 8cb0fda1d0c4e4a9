import type { Browser } from '@playwright/test';
import { z } from 'zod';
import { fmt, interleave, skipped, type BenchConfig, type BenchOutcome, type Benchmark } from './benchmark.js';
import { browserUnavailable, coldPage, launchChromium, startServe } from './b7-browser-host.js';
import { gridFile, gridWorkflow } from './b7-grid-workflow.js';
import { coldLoad, within } from './b7-load.js';
import { FCP } from './b7-page-scripts.js';
import { median, round } from './stats.js';

const ID = 'B8';
const TITLE = 'first paint (browser)';
const GOAL_MS = 800;
const NODES = 100;

/**
 * B8: first paint of the web build (`switchyard serve`, cold browser context) opening a
 * 100-node workflow: first contentful paint, and the first workflow node drawn. Baseline: the
 * first contentful paint of the smallest page the same server sends (`/api/health`, one line
 * of JSON), i.e. what connecting and painting anything at all costs in this browser.
 */
export const b8FirstPaint: Benchmark = {
  id: ID,
  title: TITLE,
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const unavailable = await browserUnavailable();
    if (unavailable !== undefined) return skipped(ID, TITLE, unavailable).run(config);
    const file = gridFile(NODES);
    const server = await startServe(new Map([[file, gridWorkflow(NODES)]]));
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const b = browser;
      const project = () => coldLoad(b, server.url, file, NODES, false, (m) => config.progress(`B8: ${m}`));
      const baseline = () => baselineFcp(b, `${server.url}/api/health`);
      config.progress('B8: warm-up');
      await interleave(1, project, baseline);
      config.progress(`B8: ${config.reps} pair(s), ${NODES} nodes`);
      const pairs = await interleave(config.reps, project, baseline);
      const fcp = median(pairs.map((p) => p.project.fcpMs ?? NaN));
      const firstNode = median(pairs.map((p) => p.project.firstNodeMs ?? NaN));
      const allNodes = median(pairs.map((p) => p.project.loadMs));
      const base = median(pairs.map((p) => p.baseline));
      const met = fcp <= GOAL_MS && firstNode <= GOAL_MS;
      return {
        json: {
          met,
          goal_ms: GOAL_MS,
          fcp_ms: round(fcp),
          first_node_ms: round(firstNode),
          all_nodes_ms: round(allNodes),
          baseline_fcp_ms: round(base),
          ratio_fcp: round(fcp / base),
          ratio_first_node: round(firstNode / base),
          nodes: NODES,
          reps: config.reps,
        },
        rows: [
          {
            benchmark: `B8 first contentful paint (${NODES}-node workflow)`,
            project: fmt(fcp, 'ms'),
            baseline: `${fmt(base, 'ms')} (/api/health)`,
            value: `${fmt(fcp, 'ms')} (${round(fcp / base)}× baseline)`,
            goal: `≤ ${GOAL_MS} ms`,
            met: fcp <= GOAL_MS,
          },
          {
            benchmark: `B8 first node drawn (${NODES}-node workflow)`,
            project: fmt(firstNode, 'ms'),
            baseline: `${fmt(base, 'ms')} (/api/health)`,
            value: `${fmt(firstNode, 'ms')} (${round(firstNode / base)}× baseline)`,
            goal: `≤ ${GOAL_MS} ms`,
            met: firstNode <= GOAL_MS,
          },
          {
            benchmark: `B8 all ${NODES} nodes drawn (info)`,
            project: fmt(allNodes, 'ms'),
            baseline: '-',
            value: fmt(allNodes, 'ms'),
            goal: '-',
          },
        ],
      };
    } finally {
      await browser?.close();
      await server.close();
    }
  },
};

/** First contentful paint of `url` in a fresh context (navigation start → first text painted). */
async function baselineFcp(browser: Browser, url: string): Promise<number> {
  const { context, page } = await coldPage(browser);
  try {
    await page.goto(url);
    return z.number().parse(await within(page.evaluate(FCP), 30_000, `${url}: no first contentful paint`));
  } finally {
    await context.close();
  }
}
