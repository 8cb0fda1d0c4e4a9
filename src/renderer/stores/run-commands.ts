import type { ForkChanges } from '#shared';
import { errorMessage } from '../transport/backend-error.js';
import type { RunViewStore } from './run-view-store.js';
import type { AppStores } from './stores-context.js';

export interface RunCommands {
  decide: (node: string, decision: 'approved' | 'rejected', comment: string) => Promise<string | undefined>;
  signal: (event: string, data: unknown) => Promise<string | undefined>;
  cancel: () => void;
  /** Starts a (what-if) fork and opens it; answers the error message when it was refused. */
  fork: (seq: number, changes: ForkChanges) => Promise<string | undefined>;
  /** Runs a failed node again: a fork at the seq before its entry, opened at once (errors are toasts). */
  retryFrom: (node: string, enteredSeq: number) => void;
  exportBundle: () => void;
  replayCheck: () => void;
}

/** What the run view's buttons do: Backend API calls, then the history catches up. */
export function createRunCommands(
  stores: AppStores,
  view: RunViewStore,
  download: (fileName: string, text: string) => void,
): RunCommands {
  const { transport: api, ui, nav, designer, workspace } = stores;
  const notify = (tone: 'info' | 'success' | 'error', message: string): void => ui.getState().notify(tone, message);
  const runId = view.getState().runId;
  const settle = async <T>(work: () => Promise<T>): Promise<string | undefined> => {
    try {
      await work();
      await view.getState().catchUp();
      return undefined;
    } catch (err) {
      return errorMessage(err);
    }
  };

  const fork = async (seq: number, changes: ForkChanges, done: string): Promise<string | undefined> => {
    try {
      const outcome = await api.forkRun({ runId, seq, ...changes, detach: true });
      notify('success', done);
      nav.getState().navigate({ page: 'run', runId: outcome.runId });
      return undefined;
    } catch (err) {
      return errorMessage(err);
    }
  };

  /** The design to check against: the open one when it is this workflow, else its workspace file. */
  const currentDesign = async (workflowId: string): Promise<{ workflow: unknown; label: string } | undefined> => {
    const doc = designer.getState().doc;
    const { openFile, dirty, files } = workspace.getState();
    if (doc !== null && doc.id === workflowId)
      return { workflow: doc, label: `${openFile ?? doc.id} v${doc.version}${dirty ? ' (unsaved changes)' : ''}` };
    const file = files.find((f) => f.id === workflowId)?.file;
    if (file === undefined) return undefined;
    const opened = await api.openWorkflow({ file });
    return { workflow: opened.workflow, label: file };
  };

  return {
    decide: (node, decision, comment) =>
      settle(() =>
        api.approve({
          runId,
          node,
          decision,
          ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
        }),
      ),
    signal: (event, data) => settle(() => api.signal({ runId, event, ...(data === undefined ? {} : { data }) })),
    cancel: () => {
      void (async () => {
        const ok = await ui.getState().confirm({
          title: 'Cancel this run?',
          message: `Run ${runId} stops where it is; its history is kept.`,
          confirmLabel: 'Cancel run',
          danger: true,
        });
        if (!ok) return;
        const failure = await settle(() => api.cancelRun({ runId, reason: 'cancelled from the run view' }));
        if (failure !== undefined) notify('error', `Could not cancel: ${failure}`);
      })();
    },
    fork: (seq, changes) => fork(seq, changes, `Forked ${runId} at #${seq}`),
    retryFrom: (node, enteredSeq) => {
      void (async () => {
        const failure = await fork(enteredSeq - 1, {}, `Retrying ${node}: forked ${runId} at #${enteredSeq - 1}`);
        if (failure !== undefined) notify('error', `Could not retry ${node}: ${failure}`);
      })();
    },
    exportBundle: () => {
      void (async () => {
        try {
          const { fileName, text } = await api.exportRun({ runId });
          download(fileName, text);
          notify('success', `Exported ${fileName}`);
        } catch (err) {
          notify('error', `Could not export the run: ${errorMessage(err)}`);
        }
      })();
    },
    replayCheck: () => {
      void (async () => {
        const run = view.getState().run;
        if (run === null) return;
        try {
          const design = await currentDesign(run.workflowId);
          if (design === undefined) {
            notify('error', `There is no design of workflow ${run.workflowId} in the workspace to check against`);
            return;
          }
          const verdict = await api.replayCheck({ runId, workflow: design.workflow });
          view.getState().setReplay({ verdict, design: design.label });
          if (!verdict.clean) view.getState().select(verdict.seq);
        } catch (err) {
          notify('error', `Replay check failed: ${errorMessage(err)}`);
        }
      })();
    },
  };
}
