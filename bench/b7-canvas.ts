import type { Browser } from '@playwright/test';
import type { Workflow } from '#shared';
import {
  fmt,
  interleave,
  skipped,
  type BenchConfig,
  type BenchOutcome,
  type Benchmark,
  type TableRow,
} from './benchmark.js';
import { browserUnavailable, launchChromium, startServe } from './b7-browser-host.js';
import type { GestureFrames } from './b7-frames.js';
import { gridFile, gridWorkflow, tinyWorkflow } from './b7-grid-workflow.js';
import { coldLoad, rawGestures, READING_ZOOM, type LoadSample } from './b7-load.js';
import { median, percentile, round } from './stats.js';

const ID = 'B7';
const TITLE = 'canvas (browser)';
const GOAL_FRAME_P95_MS = 33;
const GOAL_FRAME_NODES = 1000;
const GOAL_LOAD_MS = 1500;
const GOAL_LOAD_NODES = 800;
/** Dragging a node of a 300-node workflow, fitted and zoomed in: p95 frame within three vsyncs. */
const GOAL_DRAG_P95_MS = 50;
const GOAL_DRAG_NODES = 300;
const TINY_FILE = 'tiny.flow.json';

type GestureKey = 'pan' | 'drag' | 'zoomedDrag';
const GESTURES: readonly { name: string; key: GestureKey }[] = [
  { name: 'pan frames', key: 'pan' },
  { name: 'node drag frames', key: 'drag' },
  { name: `node drag frames at ${READING_ZOOM * 100} % zoom`, key: 'zoomedDrag' },
];

interface SizeResult {
  nodes: number;
  loads: LoadSample[];
  baselineLoads: number[];
  raw: Record<GestureKey, GestureFrames>[];
}

/** The p95 frame goal of a gesture at a size, if it has one. */
function frameGoal(key: GestureKey, nodes: number): number | undefined {
  if (nodes === GOAL_DRAG_NODES && key !== 'pan') return GOAL_DRAG_P95_MS;
  if (nodes === GOAL_FRAME_NODES && key !== 'zoomedDrag') return GOAL_FRAME_P95_MS;
  return undefined;
}

/**
 * B7: the designer canvas in headless Chromium against `switchyard serve`. Cold load
 * (navigation start → every node rendered, fresh browser context each time) of generated
 * grid workflows, against the same app opening a 2-node workflow; frame times of a pan and of
 * a node drag at the fit, and of a node drag zoomed in to READING_ZOOM, against the same
 * gestures on a page of plain boxes (rawCanvasHtml).
 */
export const b7Canvas: Benchmark = {
  id: ID,
  title: TITLE,
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const unavailable = await browserUnavailable();
    if (unavailable !== undefined) return skipped(ID, TITLE, unavailable).run(config);
    const frameSizes = config.quick ? [100, GOAL_DRAG_NODES, 400] : [100, GOAL_DRAG_NODES, 400, GOAL_FRAME_NODES];
    const loadSizes = config.quick
      ? [100, GOAL_DRAG_NODES, 400]
      : [100, GOAL_DRAG_NODES, 400, GOAL_LOAD_NODES, GOAL_FRAME_NODES];
    const docs = new Map<number, Workflow>(loadSizes.map((n) => [n, gridWorkflow(n)]));
    const files = new Map<string, Workflow>([[TINY_FILE, tinyWorkflow()]]);
    for (const [n, doc] of docs) files.set(gridFile(n), doc);

    const server = await startServe(files);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const b = browser;
      const log = (message: string): void => config.progress(`B7: ${message}`);
      config.progress('B7: warm-up (server, browser, app bundle)');
      await coldLoad(b, server.url, TINY_FILE, 2, false, log);
      // The raw baseline's pane gets the size the canvas has in the app.
      const canvas = (await coldLoad(b, server.url, gridFile(100), 100, true, log)).canvas ?? {
        width: 850,
        height: 700,
      };
      const results: SizeResult[] = [];
      for (const n of loadSizes) {
        const withFrames = frameSizes.includes(n);
        config.progress(
          `B7: ${n} nodes, ${config.reps} rep(s)${withFrames ? ', cold load + pan + drag' : ', cold load'}`,
        );
        const doc = docs.get(n) ?? gridWorkflow(n);
        const pairs = await interleave(
          config.reps,
          () => coldLoad(b, server.url, gridFile(n), n, withFrames, log),
          async () => ({
            load: (await coldLoad(b, server.url, TINY_FILE, 2, false, log)).loadMs,
            raw: withFrames ? await rawGestures(b, doc, canvas) : undefined,
          }),
        );
        results.push({
          nodes: n,
          loads: pairs.map((p) => p.project),
          baselineLoads: pairs.map((p) => p.baseline.load),
          raw: pairs.flatMap((p) => (p.baseline.raw === undefined ? [] : [p.baseline.raw])),
        });
      }
      return report(results, config.reps);
    } finally {
      await browser?.close();
      await server.close();
    }
  },
};

function frameStats(frames: readonly number[]): { p50: number; p95: number; count: number } {
  return { p50: percentile(frames, 50), p95: percentile(frames, 95), count: frames.length };
}

function report(results: readonly SizeResult[], reps: number): BenchOutcome {
  const rows: TableRow[] = [];
  const load: Record<string, unknown> = {};
  const frames: Record<GestureKey, Record<string, unknown>> = { pan: {}, drag: {}, zoomedDrag: {} };
  const verdicts: boolean[] = [];
  for (const r of results) {
    const ms = median(r.loads.map((s) => s.loadMs));
    const base = median(r.baselineLoads);
    const isGoal = r.nodes === GOAL_LOAD_NODES;
    if (isGoal) verdicts.push(ms <= GOAL_LOAD_MS);
    load[r.nodes] = {
      ms: round(ms),
      baseline_ms: round(base),
      ratio: round(ms / base),
      first_node_ms: round(median(r.loads.map((s) => s.firstNodeMs ?? NaN))),
      measured_ms: round(median(r.loads.map((s) => s.measuredMs ?? NaN))),
      fcp_ms: round(median(r.loads.map((s) => s.fcpMs ?? NaN))),
      rendered_nodes: r.loads[0]?.rendered ?? 0,
    };
    rows.push({
      benchmark: `B7 cold load (${r.nodes} nodes)`,
      project: fmt(ms, 'ms'),
      baseline: `${fmt(base, 'ms')} (2 nodes)`,
      value: `${fmt(ms, 'ms')} (${round(ms / base)}× 2 nodes)`,
      goal: isGoal ? `≤ ${GOAL_LOAD_MS} ms` : '-',
      ...(isGoal ? { met: ms <= GOAL_LOAD_MS } : {}),
    });
    for (const { name, key } of GESTURES) {
      const gestures = r.loads.flatMap((s) => (s[key] === undefined ? [] : [s[key]]));
      if (gestures.length === 0) continue;
      const project = frameStats(gestures.flatMap((g) => g.frames));
      const raw = frameStats(r.raw.flatMap((g) => g[key].frames));
      const busy = median(gestures.map((g) => g.mainThreadMsPerFrame));
      const goal = frameGoal(key, r.nodes);
      if (goal !== undefined) verdicts.push(project.p95 <= goal);
      const zooms = r.loads.flatMap((s) =>
        key === 'zoomedDrag' && s.zoomedDrag !== undefined ? [s.zoomedDrag.zoom] : [],
      );
      frames[key][r.nodes] = {
        p50_ms: round(project.p50),
        p95_ms: round(project.p95),
        frames: project.count,
        moves: Math.round(median(gestures.map((g) => g.moves))),
        main_thread_ms_per_frame: round(busy),
        ...(zooms.length === 0 ? {} : { zoom: round(median(zooms)) }),
        baseline_p50_ms: round(raw.p50),
        baseline_p95_ms: round(raw.p95),
        ratio_p95: round(project.p95 / raw.p95),
        ...(goal === undefined ? {} : { goal_p95_ms: goal, met: project.p95 <= goal }),
      };
      rows.push({
        benchmark: `B7 ${name} (${r.nodes} nodes)`,
        project: `p50 ${fmt(project.p50, 'ms')}, p95 ${fmt(project.p95, 'ms')} (main thread ${fmt(busy, 'ms')}/frame)`,
        baseline: `p95 ${fmt(raw.p95, 'ms')} (plain DOM)`,
        value: `p95 ${fmt(project.p95, 'ms')} (${round(project.p95 / raw.p95)}× plain DOM)`,
        goal: goal === undefined ? '-' : `p95 ≤ ${goal} ms`,
        ...(goal === undefined ? {} : { met: project.p95 <= goal }),
      });
    }
  }
  return {
    json: {
      ...(verdicts.length === 0 ? {} : { met: verdicts.every(Boolean) }),
      goal_p95_frame_ms: GOAL_FRAME_P95_MS,
      goal_frame_nodes: GOAL_FRAME_NODES,
      goal_drag_p95_ms: GOAL_DRAG_P95_MS,
      goal_drag_nodes: GOAL_DRAG_NODES,
      goal_cold_load_ms: GOAL_LOAD_MS,
      goal_load_nodes: GOAL_LOAD_NODES,
      reps,
      load,
      pan: frames.pan,
      drag: frames.drag,
      zoomed_drag: frames.zoomedDrag,
    },
    rows,
  };
}
