import type { BackendMethod, BackendParams, BackendResult, Envelope, RunEventsMessage } from '#shared';

/**
 * What crosses the Electron bridge besides the Backend API schemas themselves: channel
 * names, the menu commands main sends to the page, and the shape of `window.switchyard`.
 * Runtime values here are plain literals so that the sandboxed preload bundle stays tiny
 * (no zod); main validates every call with the real schemas anyway.
 */

export const INVOKE_CHANNEL = 'switchyard:invoke';
export const EVENTS_CHANNEL = 'switchyard:events';
export const MENU_CHANNEL = 'switchyard:menu';

/**
 * The Backend API method names, repeated here so that the page-side check needs no zod.
 * `satisfies` and `BridgeMethodsComplete` fail to compile when this list and `BACKEND_METHODS` differ.
 */
export const BRIDGE_METHODS = [
  'listWorkflows',
  'openWorkflow',
  'saveWorkflow',
  'renameWorkflow',
  'deleteWorkflow',
  'importWorkflow',
  'exportWorkflow',
  'validateWorkflow',
  'compileWorkflow',
  'startRun',
  'listRuns',
  'getRun',
  'getHistory',
  'stateAt',
  'forkRun',
  'approve',
  'signal',
  'cancelRun',
  'listApprovals',
  'whoami',
  'listSecrets',
  'setSecret',
  'deleteSecret',
  'exportRun',
  'importRun',
  'replayCheck',
  'getStore',
  'connectStore',
  'listPins',
  'pinOutput',
  'unpinOutput',
  'listVersions',
  'getVersion',
  'replayCheckVersion',
] as const satisfies readonly BackendMethod[];

type MustBeNever<T extends never> = T;
/** Compiles only when every Backend API method is in BRIDGE_METHODS. */
export type BridgeMethodsComplete = MustBeNever<Exclude<BackendMethod, (typeof BRIDGE_METHODS)[number]>>;

/**
 * Commands from the application menu. `open` carries the workspace file to show; the others
 * carry nothing. `undo`/`redo` are sent instead of using the native roles so that the canvas
 * history works; the page decides whether a focused text field should get them instead.
 */
export const MENU_COMMANDS = ['new', 'open', 'save', 'undo', 'redo', 'theme', 'fit'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type MenuListener = (command: MenuCommand, file?: string) => void;
export type EventsListener = (message: RunEventsMessage) => void;

/** `window.switchyard` in the desktop app. The browser build uses HTTP instead. */
export interface SwitchyardBridge {
  /** Calls one Backend API method; never rejects: failures come back as `{ error }`. */
  invoke<M extends BackendMethod>(method: M, params: BackendParams<M>): Promise<Envelope<BackendResult<M>>>;
  /** Live run events; returns the function that unsubscribes. */
  onEvents(listener: EventsListener): () => void;
  /** Application menu commands; returns the function that unsubscribes. */
  onMenu(listener: MenuListener): () => void;
  /** `process.platform` of the desktop app (e.g. to show ⌘ or Ctrl in shortcuts). */
  readonly platform: string;
}

const METHOD_NAMES: readonly string[] = BRIDGE_METHODS;
const COMMAND_NAMES: readonly string[] = MENU_COMMANDS;

export function isBridgeMethod(value: unknown): value is BackendMethod {
  return typeof value === 'string' && METHOD_NAMES.includes(value);
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && COMMAND_NAMES.includes(value);
}
