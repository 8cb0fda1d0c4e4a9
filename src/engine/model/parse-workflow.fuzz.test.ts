/**
 * Fuzzing the document parser and validator (seeded: FUZZ_SEED, FUZZ_RUNS): whatever JSON comes in,
 * the answer is a workflow or problems with a stable code and a message — never a throw — and a
 * document that validates also compiles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWorkflow } from '../compile/compile-workflow.js';
import { allExamples } from '../testing/examples.test-support.js';
import { parseWorkflow, parseWorkflowValue } from './parse-workflow.js';
import { PROBLEM_CODES } from './problem.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);
const KNOWN: ReadonlySet<string> = new Set(PROBLEM_CODES);
const options = { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 20_000 };

/** The answer is well-formed: a workflow that compiles, or problems that say what and where. */
function expectClearAnswer(value: unknown): void {
  const result = parseWorkflowValue(value);
  if (result.ok) {
    expect(compileWorkflow(result.workflow).config).toBeDefined();
    return;
  }
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(KNOWN.has(problem.code), `unknown problem code ${problem.code}`).toBe(true);
    expect(problem.message.length).toBeGreaterThan(0);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A copy of `doc` with the value at one random path replaced by `replacement` (or the key deleted). */
function mutate(doc: Json, path: number[], replacement: Json | undefined): Json {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return replacement ?? null;
  const [step = 0, ...rest] = path;
  if (Array.isArray(doc)) {
    if (doc.length === 0) return doc;
    const i = step % doc.length;
    const copy = [...doc];
    const inner = mutate(copy[i] ?? null, rest, replacement);
    copy[i] = inner;
    return copy;
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return doc;
  const key = keys[step % keys.length] ?? '';
  const copy = { ...doc };
  if (rest.length === 0 && replacement === undefined) delete copy[key];
  else copy[key] = mutate(copy[key] ?? null, rest, replacement);
  return copy;
}

const examples = allExamples().map((e) => JSON.parse(JSON.stringify(e.workflow)) as Json);

describe(`fuzz: workflow documents (FUZZ_SEED=${SEED})`, () => {
  it('answers any JSON value with a workflow or clear problems', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => expectClearAnswer(value)),
      options,
    );
  });

  it('answers any text with a workflow or clear problems (BAD_JSON naming the place)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseWorkflow(text);
        if (!result.ok) for (const problem of result.problems) expect(KNOWN.has(problem.code)).toBe(true);
      }),
      options,
    );
  });

  it('answers every mutation of the examples (a field replaced, removed or re-typed) clearly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }),
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        (doc, path, replacement) => expectClearAnswer(mutate(doc, path, replacement as Json | undefined)),
      ),
      options,
    );
  });
});
