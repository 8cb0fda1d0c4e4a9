import { NodeToolbar, Position } from '@xyflow/react';
import { memo, useState } from 'react';
import type { Diagnostics } from '../model/flow-types.js';
import { DiagnosticLines, diagnosticsLabel } from './DiagnosticLines.js';

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
  return (
    <>
      <span
        className={`diag-badge diag-${tone}`}
        tabIndex={0}
        role="img"
        aria-label={diagnosticsLabel(diagnostics)}
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
        <DiagnosticLines diagnostics={diagnostics} />
      </NodeToolbar>
    </>
  );
});
