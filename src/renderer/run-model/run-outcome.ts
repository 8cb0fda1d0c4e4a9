import type { HandledErrors, RunListItem, RunStatus } from '#shared';

/** What a run's status pill says: its status, or that it completed with handled errors. */
export interface RunOutcomeLabel {
  readonly status: RunStatus;
  readonly handled: boolean;
  readonly text: string;
  /** Which failures were handled, for a title. */
  readonly detail: string | undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `completed with handled errors` for a completed run that went on from failures; else the status. */
export function outcomeLabel(status: RunStatus, handledErrors: HandledErrors | undefined): RunOutcomeLabel {
  if (status !== 'completed' || handledErrors === undefined)
    return { status, handled: false, text: status, detail: undefined };
  const { count, nodes, first } = handledErrors;
  const detail = `${plural(count, 'handled error')} (${nodes.join(', ')}); first: ${first.node}: ${first.error.message}`;
  return { status, handled: true, text: 'completed with handled errors', detail };
}

/** One line a cell can hold, and the whole of it for a title. */
export interface OutcomeSummary {
  readonly tone: 'output' | 'error' | 'none';
  readonly text: string;
  readonly full: string;
}

const MAX = 80;

function clip(text: string): string {
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/** The runs list's outcome cell: the error of a failed run, the output of a completed one. */
export function outcomeSummary(
  run: Pick<RunListItem, 'status' | 'output' | 'error' | 'handledErrors'>,
): OutcomeSummary {
  if (run.error !== undefined && run.status !== 'completed') {
    const full = `${run.error.code}: ${run.error.message}`;
    return { tone: 'error', text: clip(run.error.message), full };
  }
  if (run.status !== 'completed') return { tone: 'none', text: '–', full: '' };
  if (run.output === undefined || run.output === null) return { tone: 'none', text: 'no output', full: 'no output' };
  const text = JSON.stringify(run.output) ?? 'null';
  const handled = run.handledErrors;
  const full = handled === undefined ? text : `${text}\n${outcomeLabel('completed', handled).detail ?? ''}`;
  return { tone: 'output', text: clip(text), full };
}
