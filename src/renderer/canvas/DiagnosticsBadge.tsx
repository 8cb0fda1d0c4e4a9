import { memo } from 'react';
import type { Diagnostics } from '../model/flow-types.js';
import { DiagnosticLines, diagnosticsLabel } from './DiagnosticLines.js';

/** A count of an element's problems; hovering (or focusing) it lists the messages. */
export const DiagnosticsBadge = memo(function DiagnosticsBadge({
  diagnostics,
  className = '',
}: {
  diagnostics: Diagnostics;
  className?: string;
}) {
  const { errors, warnings } = diagnostics;
  const count = errors.length + warnings.length;
  if (count === 0) return null;
  const tone = errors.length > 0 ? 'error' : 'warning';
  return (
    <span
      className={`diag-badge diag-${tone} ${className}`}
      tabIndex={0}
      role="img"
      aria-label={diagnosticsLabel(diagnostics)}
      data-testid="diagnostics-badge"
    >
      {count}
      <span className="diag-tooltip" role="tooltip">
        <DiagnosticLines diagnostics={diagnostics} />
      </span>
    </span>
  );
});
