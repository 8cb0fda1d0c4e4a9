/**
 * What must be undone however the bench process ends — a PostgreSQL cluster (pg_ctl leaves it
 * running as a daemon), worker child processes — registered by whoever started it. Tasks are
 * synchronous so that they can also run from a signal handler.
 */
const tasks = new Set<() => void>();

/** Registers `task`; the returned function unregisters it (call it once the thing is gone). */
export function atExit(task: () => void): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

/** Runs every registered task, newest first; a failing task is reported and the others still run. */
export function runExitTasks(): void {
  for (const task of [...tasks].reverse()) {
    tasks.delete(task);
    try {
      task();
    } catch (err) {
      process.stderr.write(`cleanup failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

/** Ctrl-C or a SIGTERM also stops clusters and workers, then exits as a signalled process would. */
export function runExitTasksOnSignals(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping what the benchmarks started\n`);
      runExitTasks();
      process.exit(code);
    });
  }
}
