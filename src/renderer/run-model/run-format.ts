import type { RunRecord } from '#shared';

/** `840ms`, `1.2s`, `3m 04s`, `2h 05m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A run's duration so far (to `nowMs` while it has not ended). */
export function runDurationMs(run: Pick<RunRecord, 'startedAt' | 'endedAt'>, nowMs: number): number {
  const start = Date.parse(run.startedAt);
  const end = run.endedAt === undefined ? nowMs : Date.parse(run.endedAt);
  return end - start;
}

/** `just now`, `12s ago`, `5 min ago`, `3 h ago`, `2 days ago`. */
export function formatAgo(iso: string, nowMs: number): string {
  const ms = nowMs - Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  if (ms < 5000) return 'just now';
  if (ms < 60_000) return `${Math.floor(ms / 1000)}s ago`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  const days = Math.floor(ms / 86_400_000);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/** `in 5 min`, `in 23 h`, `in 2 days` (or `overdue`). */
export function formatUntil(iso: string, nowMs: number): string {
  const ms = Date.parse(iso) - nowMs;
  if (!Number.isFinite(ms)) return iso;
  if (ms <= 0) return 'overdue';
  if (ms < 60_000) return `in ${Math.ceil(ms / 1000)}s`;
  if (ms < 3_600_000) return `in ${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `in ${Math.round(ms / 3_600_000)} h`;
  const days = Math.round(ms / 86_400_000);
  return `in ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Local date and time, to the second: `2026-03-01 14:05:09`. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `+1.234s` from the run's start. */
export function formatOffset(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (ms < 60_000) return `+${(ms / 1000).toFixed(3)}s`;
  return `+${formatDuration(ms)}`;
}

/** `r_0mwtkt1z00cd2a749` → `r_0mwtkt…a749`, for tight places (the full id stays in a title). */
export function shortRunId(id: string): string {
  return id.length <= 14 ? id : `${id.slice(0, 8)}…${id.slice(-4)}`;
}
