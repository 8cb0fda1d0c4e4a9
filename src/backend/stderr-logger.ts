import type { Logger } from '#engine';

type Level = Parameters<Logger['log']>[0];

const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Writes `[level] message` lines to stderr, so stdout stays clean for `--json`. */
export function stderrLogger(
  minLevel: Level = 'info',
  write: (text: string) => void = (t) => process.stderr.write(t),
): Logger {
  return {
    log(level, message) {
      if (RANK[level] < RANK[minLevel]) return;
      write(`[${level}] ${message}\n`);
    },
  };
}
