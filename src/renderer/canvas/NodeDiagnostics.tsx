import { NodeToolbar, Position } from '@xyflow/react';
import { memo, useState } from 'react';
import type { Diagnostics } from '../model/flow-types.js';

/**
 * A node's problem count; hovering or focusing it lists the messages in a toolbar drawn at
 * screen scale (readable at any zoom).
 */
export const NodeDiagnostics = memo(function NodeDiagnostics({ diagnostics }: { diagnostics: Diagnostics }) {
  const [open, setOpen] = useState(false);
  const { errors, warnings } = diagnostics;
  const count = errors.length + warnings.length;
  if (count === 0) return null;
  const tone = errors.length > 0 ? 'error' : 'warning';
  const label = [
    errors.length > 0 ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : '',
    warnings.length > 0 ? `${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
  return (
    <>
      <span
        className={`diag-badge diag-${tone}`}
        tabIndex={0}
        role="img"
        aria-label={label}
        data-testid="diagnostics-badge"
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      >
        {count}
      </span>
      <NodeToolbar
        isVisible={open}
        position={Position.Top}
        offset={12}
        className="diag-toolbar"
        data-testid="diagnostics-tooltip"
      >
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
      </NodeToolbar>
    </>
  );
});
