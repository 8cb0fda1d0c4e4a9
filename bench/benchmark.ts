/** What every benchmark module provides and returns. */
import { median } from './stats.js';

export interface BenchConfig {
  /** Small sizes, for CI and a quick look; numbers are not comparable with a full run. */
  quick: boolean;
  /** Measured repetitions (project/baseline pairs), after warm-up. */
  reps: number;
  /** The lease of B10's workers (`--lease-ms`; the product's default for workers is 10 s). */
  leaseMs: number;
  /** Progress lines go here (stderr), so stdout carries only the table. */
  progress(message: string): void;
}

/** One line of the printed table. */
export interface TableRow {
  benchmark: string;
  project: string;
  baseline: string;
  value: string;
  goal: string;
  /** undefined: informational, no goal. */
  met?: boolean;
}

export interface BenchOutcome {
  /** The entry under this benchmark's key in results.json. */
  json: Record<string, unknown>;
  rows: TableRow[];
}

export interface Benchmark {
  id: string;
  title: string;
  run(config: BenchConfig): Promise<BenchOutcome>;
}

/**
 * Runs `pairs` project/baseline pairs, alternating which goes first (A B, B A, …) so that a
 * slow phase of a noisy machine does not always hit the same side.
 */
export async function interleave<A, B>(
  pairs: number,
  project: () => Promise<A> | A,
  baseline: () => Promise<B> | B,
): Promise<{ project: A; baseline: B }[]> {
  const out: { project: A; baseline: B }[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      const a = await project();
      const b = await baseline();
      out.push({ project: a, baseline: b });
    } else {
      const b = await baseline();
      const a = await project();
      out.push({ project: a, baseline: b });
    }
  }
  return out;
}

/** Of measured project/baseline pairs: each pair's ratio, and the medians of ratio, project and baseline. */
export function pairStats(pairs: readonly { project: number; baseline: number }[]): {
  ratios: number[];
  ratio: number;
  project: number;
  baseline: number;
} {
  const ratios = pairs.map((p) => p.project / p.baseline);
  return {
    ratios,
    ratio: median(ratios),
    project: median(pairs.map((p) => p.project)),
    baseline: median(pairs.map((p) => p.baseline)),
  };
}

/**
 * Runs every sampler once per round, each round starting one further along (A B C, B C A,
 * C A B …), so that no sampler always runs first or last; returns each round's results in the
 * samplers' order. For two samplers this is `interleave`'s A B / B A.
 */
export async function rotate<T>(rounds: number, samplers: readonly (() => Promise<T>)[]): Promise<T[][]> {
  const out: T[][] = [];
  for (let round = 0; round < rounds; round++) {
    const results: T[] = new Array<T>(samplers.length);
    for (let k = 0; k < samplers.length; k++) {
      const index = (round + k) % samplers.length;
      const sampler = samplers[index];
      if (sampler !== undefined) results[index] = await sampler();
    }
    out.push(results);
  }
  return out;
}

/** A benchmark that cannot run yet: it keeps its key in results.json and its line in the table. */
export function skipped(id: string, title: string, reason: string): Benchmark {
  return {
    id,
    title,
    run: async () => ({
      json: { skipped: reason },
      rows: [{ benchmark: `${id} ${title}`, project: '-', baseline: '-', value: 'skipped', goal: reason }],
    }),
  };
}

/** Lets timers, I/O callbacks and GC catch up between measured phases. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function fmt(x: number, unit: string): string {
  if (!Number.isFinite(x)) return String(x);
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  return `${x.toFixed(digits)} ${unit}`.trim();
}
