import type { Problem } from '#engine';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { edgeKeys } from '../model/flow-mappers.js';
import { edgeRef } from '#engine';
import { useDesigner, useStores, useUi } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import './problems.css';

/** Every validation problem of the open workflow; a click selects and shows the element it is about. */
export function ProblemsPanel() {
  const { problems, validating, hasDoc } = useDesigner(
    useShallow((s) => ({ problems: s.problems, validating: s.validating, hasDoc: s.doc !== null })),
  );
  const open = useUi((s) => s.problemsOpen);
  const { designer, ui } = useStores();
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;

  const reveal = (problem: Problem): void => {
    const doc = designer.getState().doc;
    if (doc === null || problem.subflow !== undefined) return;
    if (problem.node !== undefined && doc.nodes.some((n) => n.id === problem.node)) {
      designer.getState().select({ nodes: [problem.node], edges: [] });
      ui.getState().focusNodes([problem.node]);
      return;
    }
    if (problem.edge !== undefined) {
      const keys = edgeKeys(doc.edges);
      const index = doc.edges.findIndex((e) => edgeRef(e) === problem.edge);
      const edge = doc.edges[index];
      const key = keys[index];
      if (edge === undefined || key === undefined) return;
      designer.getState().select({ nodes: [], edges: [key] });
      ui.getState().focusNodes([edge.from, edge.to]);
    }
  };

  return (
    <section
      className={`problems ${open ? 'is-open' : ''} ${problems.length > 0 ? 'has-problems' : ''}`}
      data-testid="problems"
      aria-label="Problems"
    >
      <header className="problems-head">
        <button
          type="button"
          className="problems-toggle"
          aria-expanded={open}
          onClick={() => ui.getState().setProblemsOpen(!open)}
        >
          <Icon name={open ? 'chevronDown' : 'chevronUp'} size={14} />
          <span className="problems-title">Problems</span>
          {hasDoc && (
            <>
              <span className={`badge ${errors > 0 ? 'badge-error' : ''}`} data-testid="problems-error-count">
                <Icon name="error" size={12} /> {errors}
              </span>
              <span className={`badge ${warnings > 0 ? 'badge-warning' : ''}`} data-testid="problems-warning-count">
                <Icon name="alert" size={12} /> {warnings}
              </span>
            </>
          )}
          {validating && <span className="problems-checking">checking…</span>}
          {!validating && errors > 0 && (
            <span className="problems-run-off" data-testid="problems-run-off">
              Run is off until the errors are fixed
            </span>
          )}
        </button>
      </header>
      {open && hasDoc && (
        <div className="problems-body">
          {problems.length === 0 ? (
            <div className="problems-empty is-valid">
              <Icon name="checkCircle" size={16} /> No problems: this workflow is valid and ready to run.
            </div>
          ) : (
            <ul className="problem-list">
              {problems.map((problem, i) => (
                <ProblemRow key={`${i}:${problem.code}:${problem.message}`} problem={problem} onReveal={reveal} />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

const ProblemRow = memo(function ProblemRow({
  problem,
  onReveal,
}: {
  problem: Problem;
  onReveal: (p: Problem) => void;
}) {
  const where =
    problem.node !== undefined
      ? `node ${problem.node}`
      : problem.edge !== undefined
        ? `edge ${problem.edge}`
        : problem.subflow !== undefined
          ? `subflow ${problem.subflow}`
          : problem.trigger !== undefined
            ? `trigger ${problem.trigger}`
            : 'workflow';
  const target = problem.node ?? problem.edge;
  return (
    <li>
      <button
        type="button"
        className={`problem-row sev-${problem.severity}`}
        onClick={() => onReveal(problem)}
        data-testid="problem-row"
      >
        <Icon name={problem.severity === 'error' ? 'error' : 'alert'} size={14} className="problem-icon" />
        <span className="problem-where" title={target}>
          {where}
        </span>
        <span className="problem-message" title={problem.message}>
          {problem.message}
        </span>
        <span className="problem-code">{problem.code}</span>
      </button>
    </li>
  );
});
