import { NodeToolbar, Position } from '@xyflow/react';
import type { Trigger } from '#shared';
import { memo, useState } from 'react';
import { triggerKinds, triggerLine } from '../model/trigger-text.js';
import { Icon } from '../ui/Icon.js';

/**
 * One badge per trigger kind on the start node; hovering or focusing them lists every trigger
 * in a toolbar drawn at screen scale, like the problem badge's.
 */
export const TriggerBadges = memo(function TriggerBadges({ triggers }: { triggers: readonly Trigger[] }) {
  const [open, setOpen] = useState(false);
  const kinds = triggerKinds(triggers);
  if (kinds.length === 0) return null;
  return (
    <>
      <span
        className="trigger-badges"
        tabIndex={0}
        role="img"
        aria-label={`Triggers: ${triggers.map(triggerLine).join('; ')}`}
        data-testid="trigger-badges"
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      >
        {kinds.map((kind) => (
          <span key={kind} className={`trigger-badge trigger-${kind}`} data-testid={`trigger-badge-${kind}`}>
            <Icon name={kind} size={12} />
          </span>
        ))}
      </span>
      <NodeToolbar
        isVisible={open}
        position={Position.Top}
        offset={14}
        className="diag-toolbar"
        data-testid="trigger-tooltip"
      >
        {triggers.map((trigger, i) => (
          <span key={i} className="trigger-line">
            <Icon name={trigger.kind} size={13} />
            {triggerLine(trigger)}
          </span>
        ))}
      </NodeToolbar>
    </>
  );
});
