import { fromPromise, setup } from 'xstate';
import { compileWorkflow, parseWorkflowValue } from '#engine';
import { fmt, interleave, type BenchConfig, type BenchOutcome, type Benchmark } from './benchmark.js';
import { median, nowUs, round, spreadPct } from './stats.js';
import { bigMachineConfig, bigWorkflow } from './workflows.js';

const GOAL_MS = 100;

/**
 * B6: a generated workflow of 1,000 nodes taken from plain JSON to a machine config:
 * parse (zod) + validate + compile. "First time" uses a document whose expressions this
 * process has never seen (a CLI `compile`, opening a file); "again" validates the same
 * document once more (the editor, on every change). Baseline: XState `createMachine` of an
 * equivalent config built by hand (no document to validate, nothing to compile).
 */
export const b6Compile: Benchmark = {
  id: 'B6',
  title: 'validate + compile',
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const nodes = config.quick ? 250 : 1000;
    let variant = 0;
    const same = JSON.stringify(bigWorkflow(nodes, 0));
    const machineConfig = bigMachineConfig(nodes);
    const machineSetup = setup({
      actors: { task: fromPromise(async (): Promise<unknown> => undefined) },
      guards: { expression: () => false },
    });
    /** Each measurement starts from freshly parsed JSON, as a document read from a file would be. */
    const measure = (text: string): number => {
      const value: unknown = JSON.parse(text);
      const t0 = nowUs();
      const parsed = parseWorkflowValue(value);
      if (!parsed.ok) throw new Error(`B6 workflow is invalid: ${parsed.problems[0]?.message ?? ''}`);
      const compiled = compileWorkflow(parsed.workflow);
      const ms = (nowUs() - t0) / 1000;
      if (compiled.config === undefined) throw new Error('B6 workflow did not compile');
      return ms;
    };
    const firstTime = (): number => measure(JSON.stringify(bigWorkflow(nodes, ++variant)));
    const again = (): number => measure(same);
    const baseline = (): number => {
      const t0 = nowUs();
      const machine = machineSetup.createMachine(machineConfig);
      const ms = (nowUs() - t0) / 1000;
      if (machine.id !== 'bench-big') throw new Error('B6 baseline machine is wrong');
      return ms;
    };
    config.progress('B6: warm-up');
    await interleave(config.quick ? 1 : 3, firstTime, baseline);
    again();
    const reps = Math.max(config.reps, config.quick ? 1 : 9);
    config.progress(`B6: ${reps} pair(s), ${nodes} nodes`);
    const pairs = await interleave(reps, firstTime, baseline);
    const againMs = median(Array.from({ length: reps }, () => again()));
    const ms = median(pairs.map((p) => p.project));
    const rawMs = median(pairs.map((p) => p.baseline));
    const ratios = pairs.map((p) => p.project / p.baseline);
    return {
      json: {
        ms: round(ms),
        goal_ms: GOAL_MS,
        met: ms <= GOAL_MS,
        again_ms: round(againMs),
        baseline_ms: round(rawMs),
        ratio: round(median(ratios)),
        nodes,
        spread_pct: round(spreadPct(pairs.map((p) => p.project))),
      },
      rows: [
        {
          benchmark: `B6 validate + compile (${nodes} nodes)`,
          project: fmt(ms, 'ms'),
          baseline: fmt(rawMs, 'ms'),
          value: `${fmt(ms, 'ms')} (${round(median(ratios))}× createMachine)`,
          goal: `≤ ${GOAL_MS} ms`,
          met: ms <= GOAL_MS,
        },
        {
          benchmark: 'B6 same document again (info)',
          project: fmt(againMs, 'ms'),
          baseline: fmt(rawMs, 'ms'),
          value: `${round(againMs / rawMs)}× createMachine`,
          goal: '-',
        },
      ],
    };
  },
};
