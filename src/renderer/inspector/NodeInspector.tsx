import { RETRY_KINDS, TERMINAL_KINDS, TIMEOUT_KINDS, type Problem } from '#engine';
import type { WorkflowNode } from '#shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { configFields, retryPolicyFields } from '../model/config-fields.js';
import { kindBlurb, kindTitle, portsOf } from '../model/node-kinds.js';
import { formatDuration } from '../model/node-summary.js';
import { variableNames, withNodeValue, fieldPath, type PathKey } from '../model/node-values.js';
import type { CompletionContext } from '../editor/expression-completions.js';
import { useDesigner, useStores } from '../stores/stores-context.js';
import { SchemaFields, type FormContext } from './ConfigForm.js';
import { NumberInput } from './controls.js';
import { Field } from './Field.js';
import { InspectorHeader, InspectorProblems } from './InspectorHeader.js';
import { ReferencedBy } from './ReferencedBy.js';
import { SampleDataSection } from '../sample-run/SampleDataSection.js';

const NO_PROBLEMS: readonly Problem[] = [];

/** The selected node: id, label, its kind's config form, and retry/timeout/compensation where they apply. */
export function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useDesigner((s) => s.doc?.nodes.find((n) => n.id === nodeId));
  const problems = useDesigner(
    useShallow((s) => s.problems.filter((p) => p.node === nodeId && p.subflow === undefined)),
  );
  const { designer } = useStores();

  const completionContext = useCallback((): CompletionContext => {
    const doc = designer.getState().doc;
    return { nodeIds: doc?.nodes.map((n) => n.id) ?? [], varNames: doc === null ? [] : variableNames(doc) };
  }, [designer]);

  const ctx: FormContext = useMemo(
    () => ({
      idPrefix: `insp-${nodeId}`,
      problems: problems.length === 0 ? NO_PROBLEMS : problems,
      completionContext,
      previewNode: nodeId,
      set: (path: readonly PathKey[], value: unknown) =>
        designer
          .getState()
          .updateNode(nodeId, (n) => withNodeValue(n, path, value), `node:${nodeId}:${fieldPath(path)}`),
    }),
    [nodeId, problems, completionContext, designer],
  );

  if (node === undefined) return null;
  const fields = configFields(node.kind);
  const general = problems.filter((p) => p.field === undefined);

  return (
    <div className="inspector-content" data-testid="node-inspector">
      <InspectorHeader icon={node.kind} className={`kind-${node.kind}`} kind={kindTitle(node.kind)}>
        {kindBlurb(node.kind)}
      </InspectorHeader>

      <InspectorProblems problems={general} />

      <section className="inspector-section">
        <IdField node={node} problems={problems} />
        <Field
          id={`${ctx.idPrefix}-label`}
          label="Label"
          hint="Shown on the canvas instead of the id."
          problems={problems.filter((p) => p.field === 'label')}
        >
          <input
            id={`${ctx.idPrefix}-label`}
            className="input"
            value={node.label ?? ''}
            placeholder={node.id}
            onChange={(e) => ctx.set(['label'], e.target.value === '' ? undefined : e.target.value)}
          />
        </Field>
      </section>

      <SampleDataSection node={node} />

      {fields.length > 0 && (
        <section className="inspector-section">
          <h3 className="inspector-section-title">Settings</h3>
          <SchemaFields fields={fields} value={node.config} base={['config']} ctx={ctx} />
        </section>
      )}

      {(RETRY_KINDS.has(node.kind) || TIMEOUT_KINDS.has(node.kind)) && <ReliabilitySection node={node} ctx={ctx} />}
      {compensable(node) && <CompensationField node={node} ctx={ctx} />}
      <ReferencedBy nodeId={node.id} />
    </div>
  );
}

/** Nodes that do work: they may have a compensation and be one. */
function compensable(node: WorkflowNode): boolean {
  return node.kind !== 'start' && !TERMINAL_KINDS.has(node.kind);
}

function IdField({ node, problems }: { node: WorkflowNode; problems: readonly Problem[] }) {
  const { designer } = useStores();
  const [draft, setDraft] = useState(node.id);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setDraft(node.id);
    setError(undefined);
  }, [node.id]);
  const commit = (): void => {
    const next = draft.trim();
    if (next === node.id) {
      setError(undefined);
      return;
    }
    const result = designer.getState().renameNode(node.id, next);
    setError(result.ok ? undefined : result.reason);
  };
  const id = `insp-${node.id}-id`;
  const idProblems = problems.filter((p) => p.field === 'id');
  return (
    <Field
      id={id}
      label="Id"
      required
      hint="Unique; expressions read this node’s result as steps.ID."
      problems={error === undefined ? idProblems : [{ severity: 'error', code: 'BAD_ID', message: error }]}
    >
      <input
        id={id}
        className="input input-mono"
        value={draft}
        aria-invalid={error !== undefined}
        data-testid="inspector-id"
        onChange={(e) => {
          setDraft(e.target.value);
          setError(undefined);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(node.id);
            setError(undefined);
          }
        }}
      />
    </Field>
  );
}

function ReliabilitySection({ node, ctx }: { node: WorkflowNode; ctx: FormContext }) {
  const retryOpen = node.retry !== undefined;
  const timeoutProblems = ctx.problems.filter((p) => p.field === 'timeoutMs');
  return (
    <section className="inspector-section">
      <h3 className="inspector-section-title">Reliability</h3>
      {TIMEOUT_KINDS.has(node.kind) && (
        <Field
          id={`${ctx.idPrefix}-timeoutMs`}
          label="Timeout (ms)"
          hint={
            node.timeoutMs !== undefined
              ? `Gives up after ${formatDuration(node.timeoutMs)}.`
              : portsOf(node).includes('timeout')
                ? 'Empty waits forever; a timeout takes the “timeout” port.'
                : 'Empty means no time limit.'
          }
          problems={timeoutProblems}
        >
          <NumberInput
            id={`${ctx.idPrefix}-timeoutMs`}
            value={node.timeoutMs}
            integer
            min={1}
            placeholder="no timeout"
            onChange={(v) => ctx.set(['timeoutMs'], v)}
          />
        </Field>
      )}
      {RETRY_KINDS.has(node.kind) && (
        <div className="field">
          <div className="field-label-row">
            <label className="field-label field-inline-label">
              <input
                type="checkbox"
                className="checkbox"
                checked={retryOpen}
                onChange={(e) => ctx.set(['retry'], e.target.checked ? { maxAttempts: 3 } : undefined)}
              />
              Retry when it fails
            </label>
          </div>
          {retryOpen && (
            <div className="retry-grid">
              <SchemaFields fields={retryPolicyFields()} value={node.retry} base={['retry']} ctx={ctx} />
            </div>
          )}
          {!retryOpen && (
            <div className="field-hint">One attempt; a failure takes the “error” port (or fails the run).</div>
          )}
        </div>
      )}
    </section>
  );
}

function CompensationField({ node, ctx }: { node: WorkflowNode; ctx: FormContext }) {
  const candidates = useDesigner(
    useShallow((s) => (s.doc?.nodes ?? []).filter((n) => n.id !== node.id && compensable(n)).map((n) => n.id)),
  );
  const id = `${ctx.idPrefix}-compensation`;
  return (
    <section className="inspector-section">
      <h3 className="inspector-section-title">Saga</h3>
      <Field
        id={id}
        label="Compensation"
        hint="Runs to undo this node when the run fails later."
        problems={ctx.problems.filter((p) => p.field === 'compensation')}
      >
        <select
          id={id}
          className="select"
          value={node.compensation ?? ''}
          onChange={(e) => ctx.set(['compensation'], e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">None</option>
          {node.compensation !== undefined && !candidates.includes(node.compensation) && (
            <option value={node.compensation}>{node.compensation} (missing)</option>
          )}
          {candidates.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </select>
      </Field>
    </section>
  );
}
