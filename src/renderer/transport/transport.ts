import { BACKEND_METHODS, type BackendApi, type BackendMethod, type Identity, type RunEventsMessage } from '#shared';
import type { output as zOutput, ZodType } from 'zod';
import { BackendError } from './backend-error.js';

export type RunEventsListener = (message: RunEventsMessage) => void;
export type MenuListener = (command: string) => void;

/** Signing in to a `switchyard serve --users` server (HTTP only: IPC and loopback callers are the OS user). */
export interface SessionPort {
  signIn(name: string, password: string): Promise<Identity>;
  signOut(): Promise<void>;
  /** Called whenever the server answers 401: the sign-in is missing or has expired. */
  onUnauthorized(listener: () => void): () => void;
}

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
  /** Present where the backend may ask callers to sign in. */
  readonly session?: SessionPort;
}

/** Sends one call and returns the envelope the backend answered with. */
export type EnvelopeCaller = (method: BackendMethod, params: unknown) => Promise<unknown>;

/** Unwraps an envelope: its data checked against `schema`, or a BackendError. */
export function unwrapEnvelope<S extends ZodType>(method: BackendMethod, schema: S, envelope: unknown): zOutput<S> {
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
  const m =
    <S extends ZodType>(name: BackendMethod, schema: S) =>
    async (params: unknown): Promise<zOutput<S>> =>
      unwrapEnvelope(name, schema, await call(name, params));
  const r = BACKEND_METHODS;
  return {
    listWorkflows: m('listWorkflows', r.listWorkflows.result),
    openWorkflow: m('openWorkflow', r.openWorkflow.result),
    saveWorkflow: m('saveWorkflow', r.saveWorkflow.result),
    renameWorkflow: m('renameWorkflow', r.renameWorkflow.result),
    deleteWorkflow: m('deleteWorkflow', r.deleteWorkflow.result),
    importWorkflow: m('importWorkflow', r.importWorkflow.result),
    exportWorkflow: m('exportWorkflow', r.exportWorkflow.result),
    validateWorkflow: m('validateWorkflow', r.validateWorkflow.result),
    compileWorkflow: m('compileWorkflow', r.compileWorkflow.result),
    startRun: m('startRun', r.startRun.result),
    listRuns: m('listRuns', r.listRuns.result),
    getRun: m('getRun', r.getRun.result),
    getHistory: m('getHistory', r.getHistory.result),
    stateAt: m('stateAt', r.stateAt.result),
    forkRun: m('forkRun', r.forkRun.result),
    approve: m('approve', r.approve.result),
    signal: m('signal', r.signal.result),
    cancelRun: m('cancelRun', r.cancelRun.result),
    listApprovals: m('listApprovals', r.listApprovals.result),
    whoami: m('whoami', r.whoami.result),
    listSecrets: m('listSecrets', r.listSecrets.result),
    setSecret: m('setSecret', r.setSecret.result),
    deleteSecret: m('deleteSecret', r.deleteSecret.result),
    exportRun: m('exportRun', r.exportRun.result),
    importRun: m('importRun', r.importRun.result),
    replayCheck: m('replayCheck', r.replayCheck.result),
    getStore: m('getStore', r.getStore.result),
    connectStore: m('connectStore', r.connectStore.result),
    listPins: m('listPins', r.listPins.result),
    pinOutput: m('pinOutput', r.pinOutput.result),
    unpinOutput: m('unpinOutput', r.unpinOutput.result),
    listVersions: m('listVersions', r.listVersions.result),
    getVersion: m('getVersion', r.getVersion.result),
    replayCheckVersion: m('replayCheckVersion', r.replayCheckVersion.result),
  };
}
