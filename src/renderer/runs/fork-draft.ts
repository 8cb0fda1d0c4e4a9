import { changedPaths, type RunFold } from '#engine';
import type { ForkChanges } from '#shared';
import { contextChanges } from '../run-model/context-diff.js';
import { isJsonObject, parseTypedJson } from './json-text.js';

/** What the fork dialog edits, as the JSON texts a person types. */
export interface ForkDraft {
  vars: string;
  input: string;
  /** Texts of the step outputs opened for editing, by node id. */
  outputs: Readonly<Record<string, string>>;
}

/** Which field of the draft a problem is in: `vars`, `input` or a node id. */
export type DraftField = 'vars' | 'input' | { node: string };

export type DraftChanges =
  { ok: true; changes: ForkChanges; paths: string[] } | { ok: false; field: DraftField; message: string };

type ForkBase = Pick<RunFold, 'vars' | 'input' | 'steps'>;

export function jsonText(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2);
}

function same(a: unknown, b: unknown): boolean {
  return contextChanges(a, b).size === 0;
}

/** The draft that changes nothing: the state's own vars and input. */
export function initialDraft(base: ForkBase): ForkDraft {
  return { vars: jsonText(base.vars), input: jsonText(base.input), outputs: {} };
}

/**
 * The nodes whose output a fork from this state may change: those that completed at or before
 * it (the engine refuses the others), in the order they appear in the state.
 */
export function changeableSteps(base: ForkBase): string[] {
  return Object.entries(base.steps)
    .filter(([, step]) => 'output' in step && step.error === undefined)
    .map(([node]) => node);
}

/**
 * The changes a draft asks for, compared with the state it started from: only the var keys,
 * the input and the outputs whose values differ. A text that is not JSON (or vars that are not
 * an object) is a problem naming its field.
 *
 * @example
 * draftChanges({ ...initialDraft(fold), outputs: { fetch: '{"status": 500}' } }, fold)
 * // { ok: true, changes: { outputs: { fetch: { status: 500 } } }, paths: ['steps.fetch.output'] }
 */
export function draftChanges(draft: ForkDraft, base: ForkBase): DraftChanges {
  const vars = parseTypedJson(draft.vars);
  if (!vars.ok) return { ok: false, field: 'vars', message: `vars: ${vars.message}` };
  const varsValue = vars.value ?? {};
  if (!isJsonObject(varsValue))
    return { ok: false, field: 'vars', message: 'vars must be a JSON object, e.g. {"limit": 5}' };
  const input = parseTypedJson(draft.input);
  if (!input.ok) return { ok: false, field: 'input', message: `input: ${input.message}` };
  const changes: ForkChanges = {};
  const changedVars = Object.entries(varsValue).filter(([key, value]) => !same(base.vars[key], value));
  if (changedVars.length > 0) changes.vars = Object.fromEntries(changedVars);
  const inputValue = input.value ?? null;
  if (!same(base.input, inputValue)) changes.input = inputValue;
  const outputs: Record<string, unknown> = {};
  for (const [node, text] of Object.entries(draft.outputs)) {
    const output = parseTypedJson(text);
    if (!output.ok) return { ok: false, field: { node }, message: `steps.${node}.output: ${output.message}` };
    const value = output.value ?? null;
    if (!same(base.steps[node]?.output, value)) outputs[node] = value;
  }
  if (Object.keys(outputs).length > 0) changes.outputs = outputs;
  return { ok: true, changes, paths: changedPaths(changes) };
}
