import type { Io } from './io.js';

/** Human or `--json` printing; with `--json` stdout carries JSON only. */
export class Output {
  constructor(
    private readonly io: Io,
    readonly json: boolean,
  ) {}

  /** One line of normal output (stdout). */
  line(text = ''): void {
    this.io.stdout(`${text}\n`);
  }

  /** Warnings and other remarks (stderr), so they never mix with results. */
  note(text: string): void {
    this.io.stderr(`${text}\n`);
  }

  /** Compact JSON on one line with `--json`; else indented. */
  jsonValue(value: unknown): void {
    this.line(this.json ? JSON.stringify(value) : JSON.stringify(value, null, 2));
  }

  /** The JSON line with `--json`, else the human rendering. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.line(JSON.stringify(value));
    else human();
  }
}

/** Columns padded to their widest cell, two spaces apart. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)];
}
