import type { RunStatus } from '#shared';
import { memo } from 'react';

/** A run's status as a coloured pill (a dot that pulses while the run is live). */
export const StatusPill = memo(function StatusPill({ status, testId }: { status: RunStatus; testId?: string }) {
  return (
    <span className={`status-pill status-${status}`} data-testid={testId} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {status}
    </span>
  );
});
