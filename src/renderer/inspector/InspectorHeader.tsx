import type { Problem } from '#engine';
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../ui/Icon.js';

interface InspectorHeaderProps {
  icon: IconName;
  /** Extra classes for the header (e.g. the node kind's colour). */
  className?: string;
  iconClassName?: string;
  kind: ReactNode;
  blurbClassName?: string;
  children: ReactNode;
}

/** The inspector's title block: an icon, what is selected, and a line about it (the children). */
export function InspectorHeader({
  icon,
  className,
  iconClassName,
  kind,
  blurbClassName,
  children,
}: InspectorHeaderProps) {
  return (
    <header className={className === undefined ? 'inspector-head' : `inspector-head ${className}`}>
      <span className={iconClassName === undefined ? 'inspector-kind-icon' : `inspector-kind-icon ${iconClassName}`}>
        <Icon name={icon} size={18} />
      </span>
      <div className="inspector-head-text">
        <span className="inspector-kind">{kind}</span>
        <span className={blurbClassName === undefined ? 'inspector-blurb' : `inspector-blurb ${blurbClassName}`}>
          {children}
        </span>
      </div>
    </header>
  );
}

/** Problems that belong to no single field, one line each. */
export function ProblemLines({ problems }: { problems: readonly Problem[] }) {
  return problems.map((p, i) => (
    <div key={i} className={`field-problem sev-${p.severity}`}>
      {p.message}
    </div>
  ));
}

/** The general problems under an inspector's header, when there are any. */
export function InspectorProblems({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="inspector-problems" role="alert">
      <ProblemLines problems={problems} />
    </div>
  );
}
