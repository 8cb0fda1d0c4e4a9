import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createActor, initialTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../model/parse-workflow.js';
import { compileWorkflow } from './compile-workflow.js';
import { SimulatedClock } from '../testing/simulated-clock.js';
import { createSwitchyardMachine } from '../machine/switchyard-machine.js';

const GOLDEN_DIR = fileURLToPath(new URL('../../../test/golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const flows = readdirSync(GOLDEN_DIR)
  .filter((f) => f.endsWith('.flow.json'))
  .map((f) => f.slice(0, -'.flow.json'.length))
  .sort();

function load(name: string) {
  const parsed = parseWorkflow(readFileSync(`${GOLDEN_DIR}${name}.flow.json`, 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems, null, 2)}`);
  return parsed.workflow;
}

describe('golden statecharts', () => {
  it('has the golden flows the compiler must cover', () => {
    expect(flows.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(flows)('%s', (name) => {
    it('compiles to the expected statechart', () => {
      const { config, diagnostics } = compileWorkflow(load(name));
      expect(diagnostics.filter((p) => p.severity === 'error')).toEqual([]);
      const expectedFile = `${GOLDEN_DIR}${name}.statechart.json`;
      const actual = `${JSON.stringify(config, null, 2)}\n`;
      if (UPDATE || !existsSync(expectedFile)) writeFileSync(expectedFile, actual);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
      expect(JSON.parse(actual)).toEqual(config);
    });

    it('is accepted by XState and starts in the start state', () => {
      const machine = createSwitchyardMachine(load(name), {
        clock: new SimulatedClock(),
        fetch: () => new Promise<Response>(() => undefined),
      });
      const [initial] = initialTransition(machine, {});
      expect(initial.value).toBe('start');
      const actor = createActor(machine, { input: {} }).start();
      expect(actor.getSnapshot().value).toBe('start');
      expect(actor.getSnapshot().status).toBe('active');
      actor.stop();
    });
  });
});
