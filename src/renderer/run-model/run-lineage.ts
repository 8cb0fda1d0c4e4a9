import type { RunRecord } from '#shared';

export interface LineageRow<R extends RunRecord = RunRecord> {
  readonly run: R;
  /** 0 for runs whose parent is not in the list; children are indented under their parent. */
  readonly depth: number;
}

/**
 * Orders runs so that forks and child runs follow their parent (newest first among
 * siblings), keeping the order given for everything else.
 */
export function withLineage<R extends RunRecord>(runs: readonly R[]): LineageRow<R>[] {
  const ids = new Set(runs.map((r) => r.id));
  const children = new Map<string, R[]>();
  const roots: R[] = [];
  for (const run of runs) {
    if (run.parentRun !== undefined && ids.has(run.parentRun) && run.parentRun !== run.id) {
      const list = children.get(run.parentRun) ?? [];
      list.push(run);
      children.set(run.parentRun, list);
    } else roots.push(run);
  }
  const rows: LineageRow<R>[] = [];
  const seen = new Set<string>();
  const visit = (run: R, depth: number): void => {
    if (seen.has(run.id)) return;
    seen.add(run.id);
    rows.push({ run, depth });
    for (const child of children.get(run.id) ?? []) visit(child, Math.min(depth + 1, 6));
  };
  for (const run of roots) visit(run, 0);
  // A cycle of parents (never written by the engine) would leave runs out: keep them anyway.
  for (const run of runs) visit(run, 0);
  return rows;
}

/** `↳ r_parent@12` for forks, `↳ r_parent (node call)` for child runs. */
export function parentLabel(run: RunRecord): string | undefined {
  if (run.parentRun === undefined) return undefined;
  if (run.forkSeq !== undefined) return `${run.parentRun}@${run.forkSeq}`;
  return run.parentNode === undefined ? run.parentRun : `${run.parentRun} (${run.parentNode})`;
}
