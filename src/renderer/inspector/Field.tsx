import type { Problem } from '#engine';
import type { ReactNode } from 'react';

/** Strips the `config.url: ` prefix the validator puts before a field's message. */
export function problemText(problem: Problem): string {
  const prefix = problem.field === undefined ? '' : `${problem.field}: `;
  const text =
    prefix !== '' && problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : problem.message;
  // The field shows the expression already; the message need not quote it again.
  return problem.code === 'BAD_EXPRESSION' ? text.replace(/ in "[\s\S]*"$/, '') : text;
}

interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  problems?: readonly Problem[];
  children: ReactNode;
  /** Field label sits beside a checkbox instead of above the control. */
  inline?: boolean;
  action?: ReactNode;
}

/** Label, control, hint and the field's validation problems. */
export function Field({
  id,
  label,
  required = false,
  hint,
  problems = [],
  children,
  inline = false,
  action,
}: FieldProps) {
  return (
    <div
      className={`field ${inline ? 'field-inline' : ''} ${problems.some((p) => p.severity === 'error') ? 'has-error' : ''}`}
      data-field={id}
    >
      <div className="field-label-row">
        <label className="field-label" id={`${id}-label`} htmlFor={id}>
          {label}
          {required && (
            <span className="field-required" aria-hidden="true">
              *
            </span>
          )}
        </label>
        {action}
      </div>
      {children}
      {hint !== undefined && problems.length === 0 && <div className="field-hint">{hint}</div>}
      {problems.map((problem, i) => (
        <div
          key={i}
          className={`field-problem sev-${problem.severity}`}
          role={problem.severity === 'error' ? 'alert' : undefined}
          data-testid="field-problem"
        >
          {problemText(problem)}
        </div>
      ))}
    </div>
  );
}
