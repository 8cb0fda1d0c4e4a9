export { openHost, type Host, type HostOptions } from './node-host.js';
export { loadWorkflowFile, parseWorkflowFile, readTextFile, type LoadedWorkflow } from './workflow-file.js';
export { requireRun, runHistory, runStateAt } from './run-queries.js';
export { stderrLogger } from './stderr-logger.js';
export { systemClock } from './system-clock.js';
export { timeSortedRunIds } from './run-ids.js';
// What the CLI and the server need from the engine, so that they depend on the backend alone.
export { compileWorkflow, formatProblem, isError, type Problem, type RunOutcome } from '#engine';
