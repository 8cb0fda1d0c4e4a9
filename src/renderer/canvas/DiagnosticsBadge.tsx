import { memo } from 'react';
import type { Diagnostics } from '../model/flow-types.js';

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
  const label = `${errors.length > 0 ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : ''}${errors.length > 0 && warnings.length > 0 ? ', ' : ''}${warnings.length > 0 ? `${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}`;
  return (
    <span
      className={`diag-badge diag-${tone} ${className}`}
      tabIndex={0}
      role="img"
      aria-label={label}
      data-testid="diagnostics-badge"
    >
      {count}
      <span className="diag-tooltip" role="tooltip">
        {errors.map((message, i) => (
          <span key={`e${i}`} className="diag-line diag-line-error">
            {message}
          </span>
        ))}
        {warnings.map((message, i) => (
          <span key={`w${i}`} className="diag-line diag-line-warning">
            {message}
          </span>
        ))}
      </span>
    </span>
  );
});
