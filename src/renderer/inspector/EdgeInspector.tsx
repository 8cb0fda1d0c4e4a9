import { edgeRef } from '#engine';
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LazyCodeField } from '../editor/LazyCodeField.js';
import { ExpressionPreview } from '../preview/ExpressionPreview.js';
import type { CompletionContext } from '../editor/expression-completions.js';
import { portsOf } from '../model/node-kinds.js';
import { variableNames } from '../model/node-values.js';
import { useDesigner, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { Field } from './Field.js';
import { InspectorHeader, InspectorProblems } from './InspectorHeader.js';

/** The selected edge: its port, and its `when` condition when it leaves a parallel node. */
export function EdgeInspector({ edgeKey }: { edgeKey: string }) {
  const { designer } = useStores();
  const edge = useDesigner((s) => {
    const index = s.projection.edgeIndex.get(edgeKey);
    return index === undefined ? undefined : s.doc?.edges[index];
  });
  const source = useDesigner((s) => (edge === undefined ? undefined : s.doc?.nodes.find((n) => n.id === edge.from)));
  const problems = useDesigner(
    useShallow((s) =>
      edge === undefined ? [] : s.problems.filter((p) => p.edge === edgeRef(edge) && p.subflow === undefined),
    ),
  );
  const completionContext = useCallback((): CompletionContext => {
    const doc = designer.getState().doc;
    return { nodeIds: doc?.nodes.map((n) => n.id) ?? [], varNames: doc === null ? [] : variableNames(doc) };
  }, [designer]);

  if (edge === undefined) return null;
  const port = edge.port ?? 'out';
  const ports = source === undefined ? [] : portsOf(source);
  const parallel = source?.kind === 'parallel';
  const update = (patch: { port?: string | undefined; when?: string | undefined }, key?: string): void =>
    designer.getState().updateEdge(
      edgeKey,
      (e) => {
        const next = { ...e, ...patch };
        if (next.port === undefined || next.port === 'out') delete next.port;
        if (next.when === undefined || next.when === '') delete next.when;
        return next;
      },
      key,
    );
  const general = problems.filter((p) => p.field === undefined || (p.field !== 'when' && p.field !== 'port'));

  return (
    <div className="inspector-content" data-testid="edge-inspector">
      <InspectorHeader icon="transform" iconClassName="edge-icon" kind="Connection" blurbClassName="edge-route">
        <code>{edge.from}</code>
        {port !== 'out' && <span className="edge-route-port">{port}</span>}
        <span aria-hidden="true">→</span>
        <code>{edge.to}</code>
      </InspectorHeader>
      <InspectorProblems problems={general} />
      <section className="inspector-section">
        <Field
          id="edge-port"
          label="Port"
          hint="The output of the source node this connection leaves from."
          problems={problems.filter((p) => p.field === 'port')}
        >
          <select id="edge-port" className="select" value={port} onChange={(e) => update({ port: e.target.value })}>
            {!ports.includes(port) && (
              <option value={port}>
                {port} (not a port of {edge.from})
              </option>
            )}
            {ports.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        {parallel ? (
          <Field
            id="edge-when"
            label="When"
            hint="Optional: the branch is skipped when this expression is false."
            problems={problems.filter((p) => p.field === 'when')}
          >
            <LazyCodeField
              value={edge.when ?? ''}
              syntax="expression"
              labelledBy="edge-when-label"
              placeholder="always"
              onChange={(when) => update({ when: when === '' ? undefined : when }, `edge:${edgeKey}:when`)}
              completionContext={completionContext}
              testId="edge-when"
            />
            <ExpressionPreview node={edge.from} text={edge.when ?? ''} syntax="expression" />
          </Field>
        ) : (
          edge.when !== undefined && (
            <Field id="edge-when" label="When" problems={problems.filter((p) => p.field === 'when')}>
              <button type="button" className="btn btn-sm" onClick={() => update({ when: undefined })}>
                Remove condition
              </button>
            </Field>
          )
        )}
      </section>
      <section className="inspector-section">
        <button type="button" className="btn danger-hover" onClick={() => designer.getState().deleteSelection()}>
          <Icon name="trash" size={14} /> Delete connection
        </button>
      </section>
    </div>
  );
}
