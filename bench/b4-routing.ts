import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { doneEvent, errorEvent, foldEvents, graphOf, routeMachineOf, RUN_CANCEL, type RouteEvent } from '#engine';
import type { HistoryEvent } from '#shared';
import { benchEngine } from './bench-host.js';
import { fmt, interleave, type BenchConfig, type BenchOutcome, type Benchmark, pairStats } from './benchmark.js';
import { nowUs, round, spreadPct } from './stats.js';
import { loopTurnsFor, loopWorkflow } from './workflows.js';

const GOAL = 1.5;

/** The outcomes of a history as the machine takes them: what a bare XState host would send. */
function machineEvents(events: readonly HistoryEvent[]): RouteEvent[] {
  const out: RouteEvent[] = [];
  for (const e of events) {
    const data = e.data ?? {};
    if (e.type === 'node.completed' && e.node) {
      const port = typeof data['port'] === 'string' ? data['port'] : 'out';
      out.push({ type: doneEvent(e.node), output: { port } });
    } else if (e.type === 'node.failed' && e.node && data['willRetry'] === false) {
      out.push({ type: errorEvent(e.node), error: data['error'] });
    } else if (e.type === 'run.cancelled') out.push({ type: RUN_CANCEL });
  }
  return out;
}

/**
 * B4: routing cost alone. The engine folds a recorded run (every event, the machine fed
 * the outcomes) against XState's own `initialTransition` + `transition()` taking the same
 * outcomes on the same machine, with nothing else around them.
 */
export const b4Routing: Benchmark = {
  id: 'B4',
  title: 'routing overhead over bare transition()',
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const eventsWanted = config.quick ? 400 : 4000;
    const samples = config.quick ? 5 : 20;
    const workflow = loopWorkflow();
    const graph = graphOf(workflow);
    const host = benchEngine('b4-project');
    try {
      const turns = loopTurnsFor(eventsWanted);
      const outcome = await host.engine.start(workflow, { n: turns }, { maxSteps: 4 * turns + 100 });
      if (outcome.status !== 'completed') throw new Error(`B4 workflow ended ${outcome.status}`);
      const history = await host.store.events(outcome.runId);
      const sent = machineEvents(history);
      const { machine } = routeMachineOf(graph);

      const project = (): number => {
        const t0 = nowUs();
        for (let i = 0; i < samples; i++) {
          const fold = foldEvents(outcome.runId, history, graph);
          if (fold.status !== 'completed') throw new Error('B4 fold did not complete');
        }
        return (nowUs() - t0) / (samples * history.length);
      };
      const baseline = (): number => {
        const t0 = nowUs();
        for (let i = 0; i < samples; i++) {
          let [snapshot]: [AnyMachineSnapshot, unknown] = initialTransition(machine);
          for (const event of sent) [snapshot] = transition(machine, snapshot, event);
          if (snapshot.status !== 'done') throw new Error('B4 baseline did not reach a final state');
        }
        return (nowUs() - t0) / (samples * history.length);
      };

      config.progress('B4: warm-up');
      await interleave(config.quick ? 1 : 2, project, baseline);
      config.progress(`B4: ${config.reps} pair(s) of ${samples} folds of ${history.length} events`);
      const pairs = await interleave(config.reps, project, baseline);
      const { ratios, ratio, project: projectUs, baseline: baselineUs } = pairStats(pairs);
      return {
        json: {
          ratio: round(ratio),
          goal: GOAL,
          met: ratio <= GOAL,
          median_us: round(projectUs),
          baseline_us: round(baselineUs),
          unit: 'µs per history event',
          events: history.length,
          machine_events: sent.length,
          pair_ratios: ratios.map(round),
          spread_pct: round(spreadPct(ratios)),
        },
        rows: [
          {
            benchmark: `B4 routing, fold vs bare transition() (${history.length} events)`,
            project: fmt(projectUs, 'µs/event'),
            baseline: fmt(baselineUs, 'µs/event'),
            value: `${round(ratio)}× (±${Math.round(spreadPct(ratios))}%)`,
            goal: `≤ ${GOAL}×`,
            met: ratio <= GOAL,
          },
        ],
      };
    } finally {
      await host.close();
    }
  },
};
