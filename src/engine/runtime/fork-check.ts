import { z } from 'zod';
import {
  assertJsonDepth,
  closestName,
  ForkChanges,
  formatBytes,
  jsonLongerThan,
  LIMITS,
  SwitchyardError,
  type Workflow,
} from '#shared';
import type { RunFold } from '../history/run-fold.js';
import { assertValidInput } from '../model/input-schema.js';
import type { WorkflowGraph } from '../model/workflow-graph.js';

function refused(message: string): SwitchyardError {
  return new SwitchyardError('INVALID_FORK_CHANGE', message);
}

/** Why node `id` has no output to change at the fork point, or undefined when it has one. */
function whyNoOutput(fold: RunFold, id: string): string | undefined {
  const step = fold.steps[id];
  if (fold.active.some((a) => a.node === id))
    return step === undefined || 'error' in step ? 'it is still active there' : undefined;
  if (step === undefined) return 'it has not run by then';
  if (!('output' in step) || step.error !== undefined) return 'its latest execution failed';
  return undefined;
}

/**
 * Checks what a fork at `fold.seq` is asked to change before anything is recorded: the shape
 * (INVALID_FORK_CHANGE), the limits (LIMIT_EXCEEDED), the input against the workflow's schema
 * (INVALID_INPUT), and that each changed output belongs to a node that completed at or before
 * the fork point (INVALID_FORK_CHANGE, with "did you mean" for a misspelt node id).
 */
export function checkForkChanges(value: unknown, fold: RunFold, graph: WorkflowGraph, workflow: Workflow): ForkChanges {
  const parsed = ForkChanges.safeParse(value);
  if (!parsed.success) throw refused(`the changes of a fork: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const changes = parsed.data;
  assertJsonDepth(changes, 'the changes of a fork');
  if (jsonLongerThan(changes, LIMITS.messageBytes))
    throw new SwitchyardError(
      'LIMIT_EXCEEDED',
      `the changes of a fork are longer than ${formatBytes(LIMITS.messageBytes)} as JSON (limit messageBytes)`,
    );
  if (changes.input !== undefined) assertValidInput(workflow.id, workflow.input, changes.input);
  for (const id of Object.keys(changes.outputs ?? {})) {
    if (!graph.hasNode(id)) {
      const near = closestName(
        id,
        workflow.nodes.map((n) => n.id),
      );
      throw refused(
        `outputs.${id}: workflow ${workflow.id} has no node ${id}${near === undefined ? '' : ` (did you mean ${near}?)`}`,
      );
    }
    const why = whyNoOutput(fold, id);
    if (why !== undefined)
      throw refused(
        `outputs.${id}: node ${id} has no output to change at #${fold.seq} (${why}); only a node that completed at or before the fork point has one`,
      );
  }
  return compact(changes);
}

/** The parts that change something: an empty `vars` or `outputs` is no change to record. */
function compact({ vars, input, outputs }: ForkChanges): ForkChanges {
  return {
    ...(vars === undefined || Object.keys(vars).length === 0 ? {} : { vars }),
    ...(input === undefined ? {} : { input }),
    ...(outputs === undefined || Object.keys(outputs).length === 0 ? {} : { outputs }),
  };
}
