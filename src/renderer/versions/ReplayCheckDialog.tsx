import { useState } from 'react';
import { formatTimestamp, shortRunId } from '../run-model/run-format.js';
import { useStores, useVersions } from '../stores/stores-context.js';
import { Modal } from '../ui/Modal.js';
import './versions.css';

/** "Replay check this version against the last N runs": one row per run, clean or where it diverges. */
export function ReplayCheckDialog() {
  const check = useVersions((s) => s.check);
  const workflowId = useVersions((s) => s.workflowId);
  const { versions: store, nav } = useStores();
  const [lastN, setLastN] = useState(String(check?.lastN ?? 20));
  if (check === null) return null;
  const count = Number(lastN);
  const countOk = Number.isInteger(count) && count >= 1 && count <= 500;
  const clean = check.runs.filter((r) => r.verdict.clean).length;
  const close = () => store.getState().closeCheck();

  return (
    <Modal title={`Replay check v${check.version}`} width={820} onClose={close} testId="replay-check">
      <form
        className="replay-check-bar"
        onSubmit={(e) => {
          e.preventDefault();
          if (countOk) void store.getState().runCheck(count);
        }}
      >
        <label htmlFor="replay-last-n">
          Replay the last runs of <strong>{workflowId}</strong> through v{check.version}:
        </label>
        <input
          id="replay-last-n"
          className="input replay-last-n"
          type="number"
          min={1}
          max={500}
          value={lastN}
          aria-invalid={!countOk}
          onChange={(e) => setLastN(e.target.value)}
        />
        <span>runs</span>
        <button type="submit" className="btn btn-primary btn-sm" disabled={!countOk || check.status === 'running'}>
          {check.status === 'running' ? 'Checking…' : 'Check'}
        </button>
      </form>
      {check.status === 'error' && (
        <p className="field-problem sev-error" role="alert">
          {check.error}
        </p>
      )}
      {check.status === 'done' && (
        <>
          <p className="replay-summary" data-testid="replay-summary">
            {check.runs.length === 0
              ? 'This workflow has no runs yet.'
              : `${clean} of ${check.runs.length} ${check.runs.length === 1 ? 'run replays' : 'runs replay'} clean` +
                (clean === check.runs.length ? '.' : `; ${check.runs.length - clean} would go another way.`)}
          </p>
          {check.runs.length > 0 && (
            <table className="replay-table" data-testid="replay-table">
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Started</th>
                  <th>Ran</th>
                  <th>Result</th>
                  <th>First divergence</th>
                </tr>
              </thead>
              <tbody>
                {check.runs.map((run) => (
                  <tr key={run.runId} data-testid={`replay-row-${run.runId}`}>
                    <td>
                      <button
                        type="button"
                        className="link-button run-id"
                        title={run.runId}
                        onClick={() => {
                          close();
                          nav.getState().navigate({ page: 'run', runId: run.runId });
                        }}
                      >
                        {shortRunId(run.runId)}
                      </button>
                    </td>
                    <td>{formatTimestamp(run.startedAt)}</td>
                    <td>
                      <span className="run-version">v{run.version}</span>
                    </td>
                    <td>
                      {run.verdict.clean ? (
                        <span className="badge badge-success">clean</span>
                      ) : (
                        <span className="badge badge-error">diverged</span>
                      )}
                    </td>
                    <td className="replay-divergence">
                      {run.verdict.clean ? (
                        <span className="field-hint">{run.verdict.events} events, same path</span>
                      ) : (
                        <>
                          <strong>
                            #{run.verdict.seq}
                            {run.verdict.node === null ? '' : ` · ${run.verdict.node}`}
                          </strong>{' '}
                          <span className="replay-message">{run.verdict.message}</span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Modal>
  );
}
