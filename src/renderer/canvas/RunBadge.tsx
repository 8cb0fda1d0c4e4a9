import { memo } from 'react';
import type { NodeRunInfo } from '../run-model/node-status.js';
import { formatDuration } from '../run-model/run-format.js';
import { Icon, type IconName } from '../ui/Icon.js';

const LABEL: Record<NodeRunInfo['status'], string> = {
  idle: '',
  active: 'running',
  waiting: 'waiting',
  retrying: 'retrying',
  completed: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

const ICON: Partial<Record<NodeRunInfo['status'], IconName>> = {
  completed: 'check',
  failed: 'close',
  retrying: 'retry',
  waiting: 'pause',
  cancelled: 'stop',
};

/** The pill on a node of the run canvas: status, duration, attempt and execution count. */
export const RunBadge = memo(function RunBadge({ info }: { info: NodeRunInfo }) {
  if (info.status === 'idle' && !info.diverged) return null;
  const icon = ICON[info.status];
  const parts: string[] = [];
  const shown = info.durationMs !== undefined && (info.status === 'completed' || info.durationMs >= 1);
  if (shown && info.durationMs !== undefined && info.status !== 'cancelled')
    parts.push(formatDuration(info.durationMs));
  if (info.attempt > 1) parts.push(`attempt ${info.attempt}`);
  if (info.runs > 1) parts.push(`×${info.runs}`);
  const text =
    info.status === 'completed' && parts.length > 0 ? parts.join(' · ') : [LABEL[info.status], ...parts].join(' · ');
  return (
    <span
      className={`run-badge run-badge-${info.status}`}
      data-testid="run-badge"
      title={[LABEL[info.status], ...parts].filter((p) => p !== '').join(' · ')}
    >
      {info.status === 'active' ? (
        <span className="run-spinner" aria-hidden="true" />
      ) : (
        icon && <Icon name={icon} size={11} />
      )}
      {text !== '' && <span className="run-badge-text">{text}</span>}
      {info.diverged && <span className="run-badge-diverged">diverges</span>}
    </span>
  );
});

/** Class names for a node's status on the run canvas (none in the designer). */
export function runClass(info: NodeRunInfo | undefined): string {
  if (info === undefined) return '';
  return `run-${info.status}${info.diverged ? ' is-diverged' : ''}`;
}
