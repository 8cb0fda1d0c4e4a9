import type { RunListItem, RunStatus } from '#shared';
import { formatDuration, runDurationMs } from './run-format.js';

export interface ChartPoint {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly status: RunStatus;
  /** Completed with handled errors (drawn amber, not green). */
  readonly handled: boolean;
  readonly durationMs: number;
  /** Still running or waiting: its duration so far. */
  readonly open: boolean;
}

export interface ChartTick {
  readonly at: number;
  readonly label: string;
}

export interface DurationChartModel {
  readonly points: readonly ChartPoint[];
  readonly yTicks: readonly ChartTick[];
  readonly xTicks: readonly ChartTick[];
  readonly counts: Readonly<Record<RunStatus, number>>;
}

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const DECADES = [1, 10, 100, 1000, 10_000, 60_000, 600_000, 3_600_000, 86_400_000, 864_000_000];

function timeLabel(ms: number, spanMs: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (spanMs < 86_400_000) return spanMs < 600_000 ? `${time}:${pad(d.getSeconds())}` : time;
  return `${d.getMonth() + 1}/${d.getDate()} ${time}`;
}

/**
 * Places runs on a time (x) × duration (y, logarithmic: durations range from milliseconds
 * to days) chart inside `box`, coloured by outcome.
 */
export function durationChart(runs: readonly RunListItem[], nowMs: number, box: ChartBox): DurationChartModel {
  const counts: Record<RunStatus, number> = { running: 0, waiting: 0, completed: 0, failed: 0, cancelled: 0 };
  const data = runs
    .map((run) => ({ run, start: Date.parse(run.startedAt), duration: Math.max(1, runDurationMs(run, nowMs)) }))
    .filter((d) => Number.isFinite(d.start) && Number.isFinite(d.duration));
  for (const { run } of data) counts[run.status] += 1;
  if (data.length === 0) return { points: [], yTicks: [], xTicks: [], counts };

  const starts = data.map((d) => d.start);
  const minX = Math.min(...starts);
  const maxX = Math.max(...starts);
  const spanX = Math.max(maxX - minX, 1000);
  const durations = data.map((d) => d.duration);
  const lo = Math.log10(Math.max(1, Math.min(...durations) / 2));
  const hi = Math.log10(Math.max(...durations) * 2);
  const spanY = Math.max(hi - lo, 1);
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const xOf = (t: number): number => box.left + (data.length === 1 ? plotW / 2 : ((t - minX) / spanX) * plotW);
  const yOf = (ms: number): number => box.top + plotH - ((Math.log10(ms) - lo) / spanY) * plotH;

  const points = data.map(({ run, start, duration }) => ({
    id: run.id,
    x: xOf(start),
    y: yOf(duration),
    status: run.status,
    handled: run.status === 'completed' && run.handledErrors !== undefined,
    durationMs: duration,
    open: run.endedAt === undefined,
  }));
  const yTicks = DECADES.filter((ms) => Math.log10(ms) >= lo && Math.log10(ms) <= hi).map((ms) => ({
    at: yOf(ms),
    label: formatDuration(ms),
  }));
  const xTicks =
    data.length === 1
      ? [{ at: xOf(minX), label: timeLabel(minX, spanX) }]
      : [0, 0.5, 1].map((f) => ({ at: xOf(minX + f * spanX), label: timeLabel(minX + f * spanX, spanX) }));
  return { points, yTicks, xTicks, counts };
}
