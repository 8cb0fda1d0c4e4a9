import { BACKEND_METHODS, type BackendApi, type BackendMethod, type BackendParams, type BackendResult, type RunEventsMessage } from '#shared';
import { BackendError } from './backend-error.js';

export type RunEventsListener = (message: RunEventsMessage) => void;
export type MenuListener = (command: string) => void;

/**
 * The Backend API plus live events: what the stores talk to. The app picks one at start
 * (IPC in Electron, HTTP in a browser) and never knows which.
 */
export interface Transport extends BackendApi {
  readonly kind: 'http' | 'ipc' | 'memory';
  /** Live run events; returns the unsubscribe function. */
  subscribe(listener: RunEventsListener): () => void;
  /** Application-menu commands (Electron only; a no-op elsewhere). */
  onMenu(listener: MenuListener): () => void;
}

/** Sends one call and returns the envelope the backend answered with. */
export type EnvelopeCaller = (method: BackendMethod, params: unknown) => Promise<unknown>;

/** Unwraps an envelope: its data checked against the method's result schema, or a BackendError. */
export function unwrapEnvelope<M extends BackendMethod>(method: M, envelope: unknown): BackendResult<M> {
  if (typeof envelope !== 'object' || envelope === null) {
    throw new BackendError('BAD_RESPONSE', `${method}: the backend answered with something that is not an envelope`);
  }
  if ('error' in envelope) {
    const code = readString(envelope.error, 'code') ?? 'INTERNAL';
    const message = readString(envelope.error, 'message') ?? `${method} failed`;
    throw new BackendError(code, message);
  }
  if (!('data' in envelope)) {
    throw new BackendError('BAD_RESPONSE', `${method}: the backend answered without "data" or "error"`);
  }
  const schema = BACKEND_METHODS[method].result;
  const parsed = schema.safeParse(envelope.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`;
    throw new BackendError('BAD_RESPONSE', `${method}: unexpected answer from the backend${where}`);
  }
  return parsed.data;
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'string' ? field : undefined;
}

/** Builds the typed API over one envelope caller; every method validates its answer. */
export function createApi(call: EnvelopeCaller): BackendApi {
  const method =
    <M extends BackendMethod>(name: M) =>
    async (params: BackendParams<M>): Promise<BackendResult<M>> =>
      unwrapEnvelope(name, await call(name, params));
  return {
    listWorkflows: method('listWorkflows'),
    openWorkflow: method('openWorkflow'),
    saveWorkflow: method('saveWorkflow'),
    renameWorkflow: method('renameWorkflow'),
    deleteWorkflow: method('deleteWorkflow'),
    importWorkflow: method('importWorkflow'),
    exportWorkflow: method('exportWorkflow'),
    validateWorkflow: method('validateWorkflow'),
    compileWorkflow: method('compileWorkflow'),
    startRun: method('startRun'),
    listRuns: method('listRuns'),
    getRun: method('getRun'),
    getHistory: method('getHistory'),
    stateAt: method('stateAt'),
    forkRun: method('forkRun'),
    approve: method('approve'),
    signal: method('signal'),
    cancelRun: method('cancelRun'),
  };
}
