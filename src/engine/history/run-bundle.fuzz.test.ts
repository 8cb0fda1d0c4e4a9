/**
 * Fuzzing bundle import (seeded: FUZZ_SEED, FUZZ_RUNS): a real run's bundle with one event changed —
 * a field replaced, removed, moved, or an event dropped or repeated — is either a history its
 * workflow could have produced or refused as BAD_BUNDLE with a message; never another error.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SwitchyardError, type RunBundle } from '#shared';
import { testEngine } from '../testing/engine.test-support.js';
import { exampleWorkflow } from '../testing/examples.test-support.js';
import { exportRunBundle, parseRunBundle } from './run-bundle.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);

let bundle: RunBundle;
beforeAll(async () => {
  const { engine, store } = testEngine();
  const started = await engine.start(exampleWorkflow('order-approval'), { amount: 5000, customer: 'ACME' });
  await engine.approve(started.runId, 'boss', { decision: 'approved', by: 'ana' });
  bundle = JSON.parse(JSON.stringify(await exportRunBundle(store, started.runId))) as RunBundle;
});

const FIELDS = ['seq', 'type', 'node', 'data', 'at'] as const;

describe(`fuzz: run bundles (FUZZ_SEED=${SEED})`, () => {
  it('imports or refuses every changed history as BAD_BUNDLE, naming what is wrong', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom('replace', 'remove', 'drop', 'repeat', 'status'),
        fc.constantFrom(...FIELDS),
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom('running', 'waiting', 'completed', 'failed', 'cancelled'),
        (at, change, field, value, status) => {
          const copy = structuredClone(bundle);
          const i = at % copy.events.length;
          const event = copy.events[i] as unknown as Record<string, unknown>;
          if (change === 'replace') event[field] = value;
          else if (change === 'remove') delete event[field];
          else if (change === 'drop') copy.events.splice(i, 1);
          else if (change === 'repeat') copy.events.splice(i, 0, structuredClone(copy.events[i]!));
          else copy.run.status = status;
          try {
            parseRunBundle(copy, 'fuzzed.json');
          } catch (err) {
            expect(err).toBeInstanceOf(SwitchyardError);
            expect((err as SwitchyardError).code).toBe('BAD_BUNDLE');
            expect((err as SwitchyardError).message).toMatch(/^fuzzed\.json: /);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('imports the unchanged bundle', () => {
    expect(parseRunBundle(structuredClone(bundle), 'bundle.json').run.id).toBe(bundle.run.id);
  });
});
