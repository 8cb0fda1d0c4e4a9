import { useMemo, useState } from 'react';
import { useDesigner, useStores, useUi } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { Modal } from '../ui/Modal.js';
import { JsonCode } from './JsonCode.js';
import './statechart.css';

/** The compiled XState machine config of the open workflow, as formatted JSON. */
export function StatechartDrawer() {
  const open = useUi((s) => s.statechartOpen);
  if (!open) return null;
  return <StatechartBody />;
}

function StatechartBody() {
  const statechart = useDesigner((s) => s.statechart);
  const name = useDesigner((s) => s.doc?.name ?? '');
  const { ui, designer } = useStores();
  const [copied, setCopied] = useState(false);
  const text = useMemo(
    () => (statechart?.config == null ? '' : JSON.stringify(statechart.config, null, 2)),
    [statechart],
  );
  const errors = statechart?.problems.filter((p) => p.severity === 'error') ?? [];
  const stateCount = useMemo(() => countStates(statechart?.config), [statechart]);

  const copy = (): void => {
    void navigator.clipboard
      .writeText(text)
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      })
      .catch(() => ui.getState().notify('error', 'The browser refused access to the clipboard'));
  };

  return (
    <Modal
      title="Statechart"
      variant="drawer"
      width={640}
      onClose={() => ui.getState().setStatechartOpen(false)}
      testId="statechart"
    >
      <div className="statechart">
        <p className="statechart-intro">
          {name} compiles to this XState v5 machine config. Implementations (actors, guards) come from the engine’s{' '}
          <code>setup()</code>, so the config is plain JSON.
        </p>
        {statechart === null ? (
          <button type="button" className="btn" onClick={() => designer.getState().compileStatechart()}>
            Compile again
          </button>
        ) : statechart.config == null ? (
          <div className="statechart-errors" role="alert">
            <strong>
              Fix {errors.length === 1 ? 'this problem' : `these ${errors.length} problems`} to compile the workflow
            </strong>
            <ul>
              {errors.map((p, i) => (
                <li key={i}>
                  {p.node !== undefined ? <code>{p.node}</code> : p.edge !== undefined ? <code>{p.edge}</code> : null}{' '}
                  {p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <>
            <div className="statechart-bar">
              <span className="badge badge-success">
                <Icon name="check" size={12} /> compiled
              </span>
              <span className="statechart-meta">
                {stateCount} states · {text.split('\n').length} lines
              </span>
              <button type="button" className="btn btn-sm" onClick={copy} data-testid="btn-copy-statechart">
                <Icon name={copied ? 'check' : 'copy'} size={13} /> {copied ? 'Copied' : 'Copy JSON'}
              </button>
            </div>
            <JsonCode text={text} className="statechart-code" testId="statechart-json" />
          </>
        )}
      </div>
    </Modal>
  );
}

/** Every state of a machine config, nested ones included. */
function countStates(config: unknown): number {
  if (typeof config !== 'object' || config === null) return 0;
  const states: unknown = Reflect.get(config, 'states');
  if (typeof states !== 'object' || states === null) return 0;
  return Object.values(states).reduce((sum: number, state: unknown) => sum + 1 + countStates(state), 0);
}
