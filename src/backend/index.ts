export { createHost, openHost, probeStore, type Host, type HostOptions, type OpenHostOptions } from './node-host.js';
export { StoreUrl, parseStoreUrl, storeUrlForCommands, type StoreLocation } from './store-url.js';
export { fixedStoreSetting, type StoreSetting, type StoreSource } from './store-setting.js';
export { DesktopStoreSetting, type DesktopStoreOptions } from './desktop-store-setting.js';
export { loadWorkflowFile, parseWorkflowFile, readTextFile, type LoadedWorkflow } from './workflow-file.js';
export { requireRun, runHistory } from './run-queries.js';
export { handledErrorsOfRuns } from './handled-errors-cache.js';
export { stderrLogger } from './stderr-logger.js';
export { RunWorker, type RunWorkerOptions } from './run-worker.js';
export { awaitOutcome } from './run-outcome-wait.js';
export { systemClock } from './system-clock.js';
export { timeSortedRunIds } from './run-ids.js';
// What the CLI and the server need from the engine, so that they depend on the backend alone.
export { compileWorkflow, formatProblem, isError, type Problem, type RunOutcome, type SkippedRun } from '#engine';
// The Backend API service, the workspace and the HTTP server (`switchyard serve`).
export { createBackend, isBackendMethod, type Backend, type BackendOptions } from './backend-service.js';
export { FsWorkspace, type Workspace, type WorkspaceEntry } from './workspace.js';
export { FsPinStore, type PinStore } from './pin-store.js';
export { createRunEventHub, type RunEventHub, type RunEventsListener } from './run-event-hub.js';
export { LockedEngine } from './locked-engine.js';
export { earliestDue, startTimerScheduler } from './timer-scheduler.js';
export type { TimerScheduler, TimerSchedulerOptions } from './timer-scheduler.js';
export { startHttpServer, type HttpServerOptions, type RunningServer } from './http-server.js';
export { isLoopbackHost } from './http-security.js';
export { localIdentity, localUserName } from './local-identity.js';
export { hashSecret, newToken, parseSecretHash, verifySecret } from './secret-hash.js';
export { loadUsersFile, parseUsersFile, type UserRecord } from './users-file.js';
export { UserDirectory } from './user-directory.js';
export { startServeSession, type ServeOptions, type ServeSession } from './serve-session.js';
export { startBackendSession, type BackendSession, type BackendSessionOptions } from './backend-session.js';
export { readRunBundleFile, writeRunBundleFile } from './run-bundle-file.js';
export {
  changedPaths,
  exportRunBundle,
  forkChangesOf,
  importRunBundle,
  isForkStart,
  replayCheck,
  stateAt,
  type ReplayVerdict,
} from '#engine';
export { CONTENT_SECURITY_POLICY, contentTypeOf } from './web-content.js';
export { scriptThreads } from './script-threads.js';
export { hostSecrets, loadHostSecrets, type HostSecrets } from './host-secrets.js';
export { SecretStore, type SecretCodec } from './secret-store.js';
export type { WebhookSecrets } from './webhook-auth.js';
export { startTriggerHost, type TriggerHost, type TriggerHostOptions } from './trigger-host.js';
export {
  activeTriggers,
  deployedTriggerWorkflows,
  workspaceTriggerWorkflows,
  type ActiveTriggers,
  type WebhookRoute,
} from './trigger-set.js';
export { deployWorkflow, listTriggers, type TriggerListing } from './trigger-listing.js';
