import type { RunOutcome } from '#backend';
import type { Workflow } from '#shared';

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Builds a `switchyard ...` command line that uses the same run store (`store`: the words selecting it). */
export function commandLine(store: readonly string[], ...words: string[]): string {
  return ['switchyard', ...words, ...store].map(shellQuote).join(' ');
}

function nodeOf(workflow: Workflow | undefined, id: string) {
  return workflow?.nodes.find((n) => n.id === id);
}

/** Lines that say what a waiting run waits on and which command moves it on. */
export function nextSteps(outcome: RunOutcome, workflow: Workflow | undefined, store: readonly string[]): string[] {
  const { runId } = outcome;
  const lines: string[] = [];
  for (const wait of outcome.waitingOn) {
    const node = nodeOf(workflow, wait.node);
    if (wait.kind === 'approval') {
      const approvers =
        node?.kind === 'approval' && node.config.approvers?.length
          ? ` (approvers: ${node.config.approvers.join(', ')})`
          : '';
      lines.push(`waiting on ${wait.node}: approval${approvers}`);
      lines.push(`  approve: ${commandLine(store, 'approve', runId, wait.node)}`);
      lines.push(`  reject:  ${commandLine(store, 'approve', runId, wait.node, '--reject')}`);
    } else if (wait.kind === 'wait') {
      const events = node?.kind === 'wait' ? node.config.events : ['EVENT'];
      lines.push(`waiting on ${wait.node}: signal ${events.join(' or ')}`);
      for (const event of events) lines.push(`  signal:  ${commandLine(store, 'signal', runId, event)} [--data JSON]`);
    } else if (wait.dueAt !== undefined) {
      lines.push(`waiting on ${wait.node}: ${wait.kind === 'retry' ? 'retry' : 'timer'} due at ${wait.dueAt}`);
      lines.push(`  after that: ${commandLine(store, 'resume')}`);
    } else if (wait.runs !== undefined && wait.runs.length > 0) {
      lines.push(`waiting on ${wait.node}: child run(s) ${wait.runs.join(', ')}`);
      lines.push(
        `  decide their approvals and signals with this run id: ${commandLine(store, 'approve', runId, 'NODE')}`,
      );
    } else {
      lines.push(`waiting on ${wait.node}: ${wait.kind}`);
    }
  }
  return lines;
}
