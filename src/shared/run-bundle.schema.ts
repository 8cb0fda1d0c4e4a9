import { z } from 'zod';
import { HistoryEvent, RunStatus } from './history.schema.js';
import { Workflow } from './workflow.schema.js';

export const RUN_BUNDLE_FORMAT = 'switchyard/run-bundle@1';

/** One file that carries a run anywhere (DESIGN §4): its workflow (with subflows), summary and history. */
export const RunBundle = z.strictObject({
  format: z.literal(RUN_BUNDLE_FORMAT),
  workflow: Workflow,
  run: z.strictObject({
    id: z.string().min(1),
    status: RunStatus,
    parentRun: z.string().optional(),
    forkSeq: z.int().positive().optional(),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().optional(),
  }),
  events: z.array(HistoryEvent),
});
export type RunBundle = z.infer<typeof RunBundle>;
