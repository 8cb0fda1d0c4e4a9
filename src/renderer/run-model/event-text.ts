import { changedPaths, forkChangesOf, isForkStart } from '#engine';
import type { HistoryEvent } from '#shared';

function preview(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'null');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function field(event: HistoryEvent, key: string): unknown {
  return event.data?.[key];
}

/** A data field as text: strings as they are, anything else as JSON. */
function text(event: HistoryEvent, key: string, fallback = ''): string {
  const value = field(event, key);
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function errorText(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'message' in value) return String(value.message);
  return String(value);
}

/** `forked from r_1 at #4 · changed steps.fetch.output` */
function forkText(event: HistoryEvent): string {
  const changed = changedPaths(forkChangesOf(event.data ?? {}));
  const from = `forked from ${text(event, 'parentRun')} at #${text(event, 'forkSeq')}`;
  return changed.length === 0 ? from : `${from} · changed ${changed.join(', ')}`;
}

/** A one-line account of an event for the timeline list and the run log. */
export function describeEvent(event: HistoryEvent): string {
  switch (event.type) {
    case 'run.started':
      return isForkStart(event) ? forkText(event) : `input ${preview(field(event, 'input'))}`;
    case 'node.entered': {
      const from = field(event, 'from');
      return typeof from === 'string' ? `from ${from}` : '';
    }
    case 'node.completed': {
      const port = field(event, 'port');
      const out = preview(field(event, 'output'));
      return typeof port === 'string' && port !== 'out' ? `→ ${port} · ${out}` : out;
    }
    case 'node.failed':
      return `attempt ${text(event, 'attempt', '1')}: ${errorText(field(event, 'error'))}${field(event, 'willRetry') === true ? ' (will retry)' : ''}`;
    case 'node.retrying':
      return `attempt ${text(event, 'attempt')} in ${text(event, 'delayMs')} ms`;
    case 'approval.requested':
      return text(event, 'title');
    case 'approval.decided': {
      const comment = field(event, 'comment');
      return `${text(event, 'decision')} by ${text(event, 'by')}${typeof comment === 'string' && comment !== '' ? `: “${comment}”` : ''}`;
    }
    case 'signal.received':
      return `${text(event, 'event')} ${preview(field(event, 'data'))}`;
    case 'run.waiting': {
      const on = field(event, 'waitingOn');
      return Array.isArray(on)
        ? `on ${on.map((w: unknown) => (typeof w === 'object' && w !== null && 'node' in w ? String(w.node) : '?')).join(', ')}`
        : '';
    }
    case 'run.completed':
      return `output ${preview(field(event, 'output'))}`;
    case 'run.failed':
      return errorText(field(event, 'error'));
    case 'run.cancelled':
      return text(event, 'reason');
    case 'timer.fired':
    case 'run.resumed':
      return '';
  }
}

/** The tone of an event's type pill. */
export function eventTone(type: HistoryEvent['type']): 'run' | 'enter' | 'done' | 'fail' | 'human' | 'wait' {
  if (type === 'node.completed' || type === 'run.completed') return 'done';
  if (type === 'node.failed' || type === 'run.failed' || type === 'run.cancelled' || type === 'node.retrying')
    return 'fail';
  if (type === 'approval.requested' || type === 'approval.decided' || type === 'signal.received') return 'human';
  if (type === 'run.waiting' || type === 'timer.fired') return 'wait';
  if (type === 'node.entered') return 'enter';
  return 'run';
}
