import { mayDecide, SwitchyardError } from '#shared';
import type { RunDriver } from './run-driver.js';

/** A decision as a host gives it: `groups` are the decider's groups, matched by `group:NAME` approvers. */
export interface ApprovalDecisionInput {
  decision: 'approved' | 'rejected';
  by: string;
  groups?: readonly string[];
  comment?: string;
}

/** Something from outside the run that moves it on. */
export type ExternalInput =
  | ({ type: 'approval'; node: string } & ApprovalDecisionInput)
  | { type: 'signal'; event: string; data?: unknown }
  | { type: 'cancel'; reason: string };

function describeWaiting(driver: RunDriver): string {
  const waiting = driver.waitingOn().map((w) => `${w.node} (${w.kind})`);
  return waiting.length > 0 ? `it waits on ${waiting.join(', ')}` : 'it waits on nothing';
}

/** Validates `input` against the run's state, then records it; a refused input records nothing. */
export async function applyInput(driver: RunDriver, input: ExternalInput): Promise<void> {
  const { fold } = driver;
  if (driver.ended) {
    throw new SwitchyardError(
      'RUN_FINISHED',
      `run ${fold.runId} has already ${fold.status === 'cancelled' ? 'been cancelled' : fold.status}`,
    );
  }
  switch (input.type) {
    case 'cancel':
      driver.cancel(input.reason);
      return;
    case 'approval':
      return applyApproval(driver, input);
    case 'signal':
      return applySignal(driver, input);
  }
}

async function applyApproval(driver: RunDriver, input: Extract<ExternalInput, { type: 'approval' }>): Promise<void> {
  const { fold } = driver;
  const entry = fold.active.find((a) => a.node === input.node);
  if (!entry || entry.kind !== 'approval' || entry.approvals === undefined) {
    throw new SwitchyardError(
      'NODE_NOT_WAITING',
      `node ${input.node} of run ${fold.runId} is not waiting for an approval; ${describeWaiting(driver)}`,
    );
  }
  const approvers = entry.approvers ?? [];
  if (!mayDecide(approvers, { name: input.by, groups: [...(input.groups ?? [])] })) {
    throw new SwitchyardError(
      'APPROVER_NOT_ALLOWED',
      `"${input.by}" may not decide approval ${input.node} of run ${fold.runId}; approvers: ${approvers.join(', ')}`,
    );
  }
  if (entry.approvals.some((a) => a.by === input.by)) {
    throw new SwitchyardError(
      'CONFLICT',
      `"${input.by}" has already decided approval ${input.node} of run ${fold.runId}`,
    );
  }
  const comment = input.comment ?? null;
  driver.emit('approval.decided', input.node, { decision: input.decision, by: input.by, comment });
  const at = driver.isoNow();
  const output = { decision: input.decision, by: input.by, comment, at };
  if (input.decision === 'rejected') return driver.complete(entry, { output, port: 'rejected' });
  const approvals = entry.approvals.filter((a) => a.decision === 'approved').length;
  if (approvals >= (entry.minApprovals ?? 1)) await driver.complete(entry, { output, port: 'approved' });
}

async function applySignal(driver: RunDriver, input: Extract<ExternalInput, { type: 'signal' }>): Promise<void> {
  const { fold } = driver;
  const receivers = fold.active.filter((a) => {
    if (a.kind !== 'wait') return false;
    const node = driver.graph.node(a.node);
    return node.kind === 'wait' && node.config.events.includes(input.event);
  });
  if (receivers.length === 0) {
    throw new SwitchyardError(
      'NODE_NOT_WAITING',
      `no node of run ${fold.runId} is waiting for signal "${input.event}"; ${describeWaiting(driver)}`,
    );
  }
  const data = input.data ?? null;
  for (const entry of receivers) {
    // An earlier receiver's outcome may have cut this one off (a `first` join) or ended the run.
    if (driver.ended || fold.active.find((a) => a.node === entry.node) !== entry) continue;
    driver.emit('signal.received', entry.node, { event: input.event, data });
    await driver.complete(entry, { output: data, port: input.event });
  }
}
