import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createActor, waitFor } from 'xstate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SwitchyardError, type Workflow } from '#shared';
import { parseWorkflow } from '../model/parse-workflow.js';
import { createMachineFromWorkflow } from './machine.js';

const GOLDEN_DIR = fileURLToPath(new URL('../../../test/golden/', import.meta.url));

function golden(name: string): Workflow {
  const parsed = parseWorkflow(readFileSync(`${GOLDEN_DIR}${name}.flow.json`, 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.workflow;
}

/** Runs a golden flow with the stub implementations until the machine stops. */
async function runToEnd(name: string, events: { type: string; [key: string]: unknown }[] = []) {
  const actor = createActor(createMachineFromWorkflow(golden(name))).start();
  actor.send({ type: 'RUN.START' });
  for (const event of events) actor.send(event);
  const snapshot = await waitFor(actor, (s) => s.status === 'done', { timeout: 1000 });
  return snapshot.value;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createMachineFromWorkflow (stub implementations)', () => {
  it('walks a linear flow to its end node', async () => {
    expect(await runToEnd('linear')).toBe('done');
  });

  it('takes the false port when the expression guard is false', async () => {
    expect(await runToEnd('condition')).toBe('small');
  });

  it('takes the default port of a switch', async () => {
    expect(await runToEnd('switch')).toBe('unknown');
  });

  it('leaves an all-join block once every branch finished', async () => {
    expect(await runToEnd('parallel-all')).toBe('done');
  });

  it('leaves a first-join block and completes without an end node', async () => {
    expect(await runToEnd('parallel-first')).toBe('_done');
  });

  it('leaves a count-join block (the stub falls back to onDone)', async () => {
    expect(await runToEnd('parallel-count')).toBe('done');
  });

  it('exits the whole block when a branch reaches a top-level fail node', async () => {
    expect(await runToEnd('nested-parallel')).toBe('broken');
  });

  it('routes an approval by the decision in the event', async () => {
    expect(await runToEnd('approval-timeout', [{ type: 'APPROVAL.DECIDED', node: 'boss', decision: 'rejected' }])).toBe(
      'rejected',
    );
  });

  it('routes a wait by the signal that came first', async () => {
    expect(await runToEnd('wait-events', [{ type: 'SIGNAL.cancelled' }])).toBe('cancelled');
  });

  it('follows the timeout edge of an approval', () => {
    vi.useFakeTimers();
    const actor = createActor(createMachineFromWorkflow(golden('approval-timeout'))).start();
    actor.send({ type: 'RUN.START' });
    expect(actor.getSnapshot().value).toBe('boss');
    vi.advanceTimersByTime(86_400_000);
    expect(actor.getSnapshot().value).toBe('escalate');
  });

  it('gives up on a task after its timeout when no retry is allowed', () => {
    vi.useFakeTimers();
    const actor = createActor(createMachineFromWorkflow(golden('retry-timeout'))).start();
    actor.send({ type: 'RUN.START' });
    expect(actor.getSnapshot().value).toEqual({ fetch: 'attempt' });
    vi.advanceTimersByTime(5000);
    expect(actor.getSnapshot().value).toBe('gaveUp');
  });

  it('works when the workflow id equals a node id', async () => {
    const doc = golden('linear');
    const renamed: Workflow = { ...doc, id: 'shape' };
    const actor = createActor(createMachineFromWorkflow(renamed)).start();
    actor.send({ type: 'RUN.START' });
    expect((await waitFor(actor, (s) => s.status === 'done', { timeout: 1000 })).value).toBe('done');
  });

  it('refuses a document with errors', () => {
    const doc: Workflow = { ...golden('linear'), edges: [], nodes: [] };
    expect(() => createMachineFromWorkflow(doc)).toThrow(SwitchyardError);
    expect(() => createMachineFromWorkflow(doc)).toThrow(
      'workflow linear cannot be compiled: has no start node; a workflow needs exactly one',
    );
  });
});
