import { formatProblem, type Problem } from '#backend';
import type { Output } from '../output.js';

/** Warnings of a workflow about to be compiled or run, on stderr. */
export function printWarnings(out: Output, file: string, warnings: readonly Problem[]): void {
  for (const w of warnings) out.note(formatProblem(`${file}: warning`, w));
}
