import type { HandledErrors, RunStatus } from '#shared';
import { memo } from 'react';
import { outcomeLabel } from '../run-model/run-outcome.js';

/**
 * A run's status as a coloured pill (a dot that pulses while the run is live); a completed run
 * that went on from failures says so in amber ("completed with handled errors").
 */
export const StatusPill = memo(function StatusPill({
  status,
  handledErrors,
  testId,
}: {
  status: RunStatus;
  handledErrors?: HandledErrors | undefined;
  testId?: string;
}) {
  const label = outcomeLabel(status, handledErrors);
  return (
    <span
      className={`status-pill status-${status} ${label.handled ? 'status-handled' : ''}`}
      data-testid={testId}
      data-status={status}
      data-outcome={label.handled ? 'handled-errors' : undefined}
      title={label.detail}
    >
      <span className="status-dot" aria-hidden="true" />
      {label.handled ? (
        <span>
          <span className="status-word">{status}</span>
          {label.text.slice(status.length)}
        </span>
      ) : (
        label.text
      )}
    </span>
  );
});
