import { useSampleRun, useStores } from '../stores/stores-context.js';
import { Modal } from '../ui/Modal.js';

/**
 * Asked before "run to here" when http nodes on the way have no pinned output: the page never
 * calls a real system on its own. Calling for real is a recorded run on the backend (with its
 * secrets and network), whose outputs can then be pinned.
 */
export function UnpinnedCallsDialog() {
  const confirm = useSampleRun((s) => s.confirm);
  const { sampleRun, runs, nav, ui } = useStores();
  if (confirm === null) return null;
  const close = (): void => sampleRun.getState().dismissConfirm();
  const callForReal = async (): Promise<void> => {
    close();
    try {
      const runId = await runs.getState().startRun(confirm.doc, confirm.input);
      nav.getState().navigate({ page: 'run', runId });
    } catch (err) {
      ui.getState().notify('error', `Could not start the run: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const many = confirm.calls.length > 1;
  return (
    <Modal
      title={`Run to ${confirm.target}: real calls on the way`}
      onClose={close}
      width={560}
      testId="unpinned-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={close} data-testid="unpinned-stop">
            Stop
          </button>
          <button type="button" className="btn" onClick={() => void callForReal()} data-testid="unpinned-call-real">
            Call for real (recorded run)
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-autofocus
            onClick={() => void sampleRun.getState().runUntilUnpinned()}
            data-testid="unpinned-run-until"
          >
            Run until {many ? 'the first' : 'it'}
          </button>
        </>
      }
    >
      <p className="dialog-text">
        {many ? 'These nodes call' : 'This node calls'} a real system and {many ? 'have' : 'has'} no pinned output:
      </p>
      <ul className="unpinned-list">
        {confirm.calls.map((call) => (
          <li key={call.node}>
            <code>{call.node}</code> <span className="unpinned-what">{call.what}</span>
          </li>
        ))}
      </ul>
      <p className="dialog-hint">
        Run to here never calls them from the page. <strong>Run until</strong> stops before the first one;{' '}
        <strong>Call for real</strong> starts a recorded run of the design on the server (it calls them, with the
        server’s secrets), whose outputs you can then pin. Or pin an output in the node’s inspector.
      </p>
    </Modal>
  );
}
