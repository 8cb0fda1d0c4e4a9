import { PINNABLE_KINDS } from '#engine';
import type { Workflow, WorkflowNode } from '#shared';
import { useEffect, useState } from 'react';
import { JsonTree } from '../runs/JsonTree.js';
import { RunInputDialog } from '../panels/RunInputDialog.js';
import { inputForm } from '../run-model/input-form.js';
import { useDesigner, usePins, useSampleRun, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { samplePinTemplate } from './sample-pin-template.js';
import './sample-run.css';

const NO_CHANGES = new Map<string, never>();

/** The inspector's "Sample data" section: run to here, this node's output in it, and its pinned output. */
export function SampleDataSection({ node }: { node: WorkflowNode }) {
  const doc = useDesigner((s) => s.doc);
  const pin = usePins((s) => (s.workflowId === doc?.id ? s.pins[node.id] : undefined));
  const step = useSampleRun((s) =>
    s.result !== null && s.result.workflowId === doc?.id ? s.result.fold.steps[node.id] : undefined,
  );
  if (doc === null) return null;
  const pinnable = PINNABLE_KINDS.has(node.kind);
  // A pinned node's output in run to here is its pin, shown (and edited) below.
  const pinned = pinnable && pin !== undefined;
  return (
    <section className="inspector-section sample-section" data-testid="sample-data">
      <h3 className="inspector-section-title">Sample data</h3>
      <RunToHereButton doc={doc} target={node.id} />
      {step !== undefined && !pinned && (
        <div className="sample-output" data-testid="sample-output">
          <span className="field-label">
            {step.error === undefined ? 'Output in run to here' : 'Error in run to here'}
          </span>
          <JsonTree
            value={step.error === undefined ? { output: step.output } : { error: step.error }}
            changes={NO_CHANGES}
            testId="sample-output-tree"
          />
        </div>
      )}
      {pinnable && (
        <PinEditor workflowId={doc.id} node={node} sample={step?.error === undefined ? step?.output : undefined} />
      )}
    </section>
  );
}

function RunToHereButton({ doc, target }: { doc: Workflow; target: string }) {
  const { sampleRun } = useStores();
  const running = useSampleRun((s) => s.running);
  const [asking, setAsking] = useState(false);
  const start = (): void => {
    const remembered = sampleRun.getState().inputs;
    if (inputForm(doc.input).mode === 'none') void sampleRun.getState().runToHere(doc, target, {});
    else if (remembered.has(doc.id)) void sampleRun.getState().runToHere(doc, target, remembered.get(doc.id));
    else setAsking(true);
  };
  return (
    <>
      <div className="sample-actions">
        <button type="button" className="btn btn-sm" disabled={running} onClick={start} data-testid="run-to-here">
          <Icon name="runTo" size={14} /> {running ? 'Running…' : 'Run to here'}
        </button>
        {inputForm(doc.input).mode !== 'none' && (
          <button type="button" className="btn btn-sm btn-ghost" disabled={running} onClick={() => setAsking(true)}>
            Input…
          </button>
        )}
      </div>
      <p className="field-hint">Runs the design in this page up to here on pinned data; nothing real is called.</p>
      {asking && <RunInputDialog doc={doc} sampleTarget={target} onClose={() => setAsking(false)} />}
    </>
  );
}

function PinEditor({ workflowId, node, sample }: { workflowId: string; node: WorkflowNode; sample: unknown }) {
  const { pins } = useStores();
  const pin = usePins((s) => (s.workflowId === workflowId ? s.pins[node.id] : undefined));
  const shown = pin === undefined ? undefined : JSON.stringify(pin.output, null, 2);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setDraft(undefined);
    setError(undefined);
  }, [node.id, shown]);

  const save = async (text: string): Promise<void> => {
    let output: unknown;
    try {
      output = JSON.parse(text);
    } catch (err) {
      setError(`Not JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const refused = await pins.getState().pin(workflowId, node.id, output);
    setError(refused);
  };
  const unpin = async (): Promise<void> => setError(await pins.getState().unpin(workflowId, node.id));

  if (pin === undefined && draft === undefined) {
    return (
      <div className="pin-editor" data-testid="pin-editor">
        <span className="field-label">Pinned output</span>
        <div className="field-hint">
          None: run to here {node.kind === 'http' ? 'stops before this node' : 'runs it'}. Pin an output from a run
          (Runs → select its event) or type one.
        </div>
        <div className="sample-actions">
          {sample !== undefined && (
            <button type="button" className="btn btn-sm" onClick={() => void save(JSON.stringify(sample))}>
              <Icon name="pin" size={14} /> Pin this output
            </button>
          )}
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            data-testid="pin-type"
            onClick={() => setDraft(JSON.stringify(samplePinTemplate(node), null, 2))}
          >
            Type a pinned output…
          </button>
        </div>
      </div>
    );
  }
  const text = draft ?? shown ?? '';
  return (
    <div className="pin-editor" data-testid="pin-editor">
      <span className="field-label">
        <Icon name="pin" size={12} /> Pinned output
      </span>
      <span className="field-hint pin-source">
        {pin === undefined
          ? 'Not saved yet.'
          : pin.from === undefined
            ? 'Typed in; run to here gives it instead of running the node.'
            : `From run ${pin.from.runId}, event #${pin.from.seq}; run to here gives it instead of running the node.`}
      </span>
      <textarea
        className="textarea input-mono pin-json"
        rows={Math.min(14, Math.max(4, text.split('\n').length))}
        spellCheck={false}
        value={text}
        aria-label={`Pinned output of ${node.id} (JSON)`}
        data-testid="pin-json"
        onChange={(e) => {
          setDraft(e.target.value);
          setError(undefined);
        }}
      />
      {error !== undefined && (
        <div className="field-problem" role="alert">
          {error}
        </div>
      )}
      <div className="sample-actions">
        <button
          type="button"
          className="btn btn-sm btn-primary"
          disabled={draft === undefined}
          onClick={() => void save(text)}
          data-testid="pin-save"
        >
          Save pin
        </button>
        {pin !== undefined ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => void unpin()} data-testid="pin-remove">
            Unpin
          </button>
        ) : (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDraft(undefined)}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
