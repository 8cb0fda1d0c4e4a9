import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nodeDataAt, type NodeData, type NodeOutcome } from '../run-model/node-data.js';
import { Icon } from '../ui/Icon.js';
import { eventAt } from '../run-model/timeline.js';
import { DataView } from './DataView.js';
import { PinOutputButton } from './PinOutputButton.js';
import { useRunView, useRunViewStore } from './run-view-context.js';
import './node-data.css';

function SeqLink({ seq, label }: { seq: number; label?: string }) {
  const store = useRunViewStore();
  return (
    <button
      type="button"
      className="seq-link"
      title={`Show the state at event #${seq}`}
      onClick={() => store.getState().select(seq)}
    >
      {label ?? `#${seq}`}
    </button>
  );
}

function OutcomeSection({ data, outcome }: { data: Extract<NodeData, { state: 'ran' }>; outcome: NodeOutcome }) {
  const timeline = useRunView((s) => s.timeline);
  const completion = outcome.kind === 'output' && timeline !== null ? eventAt(timeline, outcome.seq) : undefined;
  if (outcome.kind === 'running')
    return (
      <section className="node-data-section" data-testid="node-data-pending">
        <h3 className="node-data-heading">Output</h3>
        <div className="node-data-empty">
          No output yet at #{data.seq}: the node is still running (entered at <SeqLink seq={data.enteredSeq} />
          ).
        </div>
      </section>
    );
  if (outcome.kind === 'output')
    return (
      <section className="node-data-section">
        <h3 className="node-data-heading">
          Output
          <span className="node-data-sub">
            at <SeqLink seq={outcome.seq} />
            {outcome.port !== 'out' && (
              <>
                , port <code>{outcome.port}</code>
              </>
            )}
          </span>
        </h3>
        <DataView value={outcome.value} root="output" copyLabel="Copy output" testId="node-output" />
        <PinOutputButton event={completion} />
      </section>
    );
  return (
    <section className="node-data-section">
      <h3 className="node-data-heading is-error">
        Error
        <span className="node-data-sub">
          at <SeqLink seq={outcome.seq} />, attempt {outcome.attempt}
          {outcome.willRetry ? ', will retry' : ''}
        </span>
      </h3>
      <div className="node-data-error" role="note" data-testid="node-error-line">
        <code>{outcome.error.code}</code> {outcome.error.message}
      </div>
      <DataView value={outcome.error} root="error" copyLabel="Copy error" testId="node-error" />
    </section>
  );
}

/**
 * The selected node at the selected seq: the scope it was entered with (input, vars, steps),
 * and its output or error, each as a tree, tables or raw JSON with copy.
 */
export const NodeDataPanel = memo(function NodeDataPanel({ node, seq }: { node: string; seq: number }) {
  const { timeline, index, doc } = useRunView(
    useShallow((s) => ({ timeline: s.timeline, index: s.index, doc: s.doc })),
  );
  const data = useMemo(
    () => (timeline === null ? null : nodeDataAt(timeline, index, node, seq)),
    [timeline, index, node, seq],
  );
  const spec = doc?.nodes.find((n) => n.id === node);
  if (data === null) return null;
  return (
    <div className="node-data" data-testid="node-data" data-node={node} data-state={data.state}>
      <header className={`node-data-head kind-${spec?.kind ?? 'transform'}`}>
        <span className="node-data-icon">{spec !== undefined && <Icon name={spec.kind} size={16} />}</span>
        <div className="node-data-ident">
          <div className="node-data-title">
            {spec?.label ?? node}
            {spec?.label !== undefined && <code className="node-data-id">{node}</code>}
          </div>
          <div className="node-data-meta" data-testid="node-data-meta">
            {data.state === 'ran' ? (
              <>
                {data.executions > 1 && `run ${data.execution} of ${data.executions} · `}
                entered <SeqLink seq={data.enteredSeq} />
                {data.endSeq !== undefined && (
                  <>
                    {' '}
                    · ended <SeqLink seq={data.endSeq} />
                  </>
                )}
                {' · '}
                shown at #{data.seq}
              </>
            ) : (
              <>not run by #{data.seq}</>
            )}
          </div>
        </div>
      </header>
      <div className="node-data-scroll">
        {data.state === 'not-run' ? (
          <div className="node-data-empty" data-testid="node-data-not-run">
            {data.firstSeq === undefined ? (
              <>This run never reached {node}.</>
            ) : (
              <>
                {node} has not run yet at #{data.seq}. It is first entered at <SeqLink seq={data.firstSeq} />.
              </>
            )}
          </div>
        ) : (
          <>
            <section className="node-data-section">
              <h3 className="node-data-heading">
                Input
                <span className="node-data-sub">
                  the scope it saw, at <SeqLink seq={data.enteredSeq} />
                </span>
              </h3>
              <DataView value={data.input} copyLabel="Copy input" testId="node-input" />
            </section>
            <OutcomeSection data={data} outcome={data.outcome} />
          </>
        )}
      </div>
    </div>
  );
});
