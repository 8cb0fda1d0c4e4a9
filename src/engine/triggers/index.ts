export {
  isKnownTimeZone,
  nextFireTime,
  nextFireTimes,
  scheduleOf,
  scheduleProblems,
  type ScheduleSpec,
} from './schedule-times.js';
export { ON_TIME_MS, planFires, scheduleSignature, type FirePlan } from './fire-plan.js';
export { scheduleInput } from './trigger-input.js';
export { describeClash, webhookPathClashes, type SourcedWorkflow, type WebhookPathClash } from './webhook-paths.js';
export { activeRun, ScheduleRunner, type ScheduleRunnerOptions, type TriggeredStart } from './schedule-runner.js';
