import { useEffect } from 'react';
import { useDesigner, usePins, useSampleRun, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';

/** Over the designer canvas: how the last "run to here" ended; it also keeps the open workflow's pins loaded. */
export function SampleRunBanner() {
  const { pins, sampleRun } = useStores();
  const workflowId = useDesigner((s) => s.doc?.id);
  const result = useSampleRun((s) => (s.result !== null && s.result.workflowId === workflowId ? s.result : null));
  const running = useSampleRun((s) => s.running);
  const error = useSampleRun((s) => s.error);
  const pinError = usePins((s) => s.error);
  useEffect(() => {
    if (workflowId !== undefined) void pins.getState().load(workflowId);
  }, [pins, workflowId]);

  const message = running ? 'Running to here on sample data…' : (error ?? pinError ?? result?.message);
  if (message === undefined || message === null) return null;
  const tone = running ? 'ok' : error !== null || pinError !== null ? 'error' : (result?.tone ?? 'ok');
  const steps = result === null ? 0 : result.events.filter((e) => e.type === 'node.completed').length;
  return (
    <div className={`sample-banner tone-${tone}`} role="status" data-testid="sample-banner">
      <Icon name={tone === 'ok' ? 'runTo' : 'alert'} size={16} />
      <span className="sample-banner-text">
        {message}
        {!running && result !== null && error === null && (
          <span className="sample-banner-detail">
            {' '}
            {steps} {steps === 1 ? 'step' : 'steps'} ran; select a node to see its output.
          </span>
        )}
      </span>
      {!running && (
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => sampleRun.getState().clear()}
          data-testid="sample-clear"
        >
          Clear
        </button>
      )}
    </div>
  );
}
