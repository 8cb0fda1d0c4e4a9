import Database from 'better-sqlite3';
import { createActor, createMachine } from 'xstate';
import { foldEvents, graphOf, seededRandom, stateAt } from '#engine';
import { benchEngine } from './bench-host.js';
import { fmt, interleave, type BenchConfig, type BenchOutcome, type Benchmark, pairStats } from './benchmark.js';
import { nowUs, percentile, round, spreadPct } from './stats.js';
import { loopTurnsFor, loopWorkflow } from './workflows.js';

const GOAL_SEQ_MS = 50;
const GOAL_REPLAY = 1.5;

/** The trivial machine of the raw replay: one state that takes any event. */
const sink = createMachine({ id: 'sink', initial: 'running', states: { running: { on: { '*': {} } } } });

/** A row of the project's event_batches table: its first seq and its events as [at, type, node, data]. */
type RawBatch = [firstSeq: number, events: string];
type RawTuple = [at: string, type: string, node: string | null, data: Record<string, unknown> | null];

/**
 * B5: time travel on one long run (about 100,000 events, recorded through the engine with
 * its checkpoints): the state at random seqs, and a full replay (read every event and fold
 * it) against raw "read + JSON.parse + send to an XState actor" on the same file (its event
 * batches, one JSON array of events per row, parsed as the store does but not validated).
 */
export const b5TimeTravel: Benchmark = {
  id: 'B5',
  title: 'time travel',
  async run(config: BenchConfig): Promise<BenchOutcome> {
    const targetEvents = config.quick ? 10_000 : 100_000;
    const lookups = config.quick ? 50 : 300;
    const host = benchEngine('b5-project');
    let reader: Database.Database | undefined;
    try {
      config.progress(`B5: recording a run of ~${targetEvents} events`);
      const turns = loopTurnsFor(targetEvents);
      const t0 = nowUs();
      const workflow = loopWorkflow();
      const outcome = await host.engine.start(workflow, { n: turns }, { maxSteps: 4 * turns + 100 });
      const recordMs = (nowUs() - t0) / 1000;
      if (outcome.status !== 'completed')
        throw new Error(`B5 loop ended ${outcome.status}: ${outcome.error?.message ?? ''}`);
      const runId = outcome.runId;
      const last = (await host.store.lastSeq(runId)) ?? 0;

      config.progress(`B5: state at ${lookups} random seqs of ${last}`);
      // Seeded, so every run of the bench visits the same seqs.
      const random = seededRandom('b5');
      for (let i = 0; i < 5; i++) await stateAt(host.store, runId, 1 + Math.floor(random() * last));
      const seqMs: number[] = [];
      for (let i = 0; i < lookups; i++) {
        const seq = 1 + Math.floor(random() * last);
        const s0 = nowUs();
        const state = await stateAt(host.store, runId, seq);
        seqMs.push((nowUs() - s0) / 1000);
        if (state.seq !== seq) throw new Error(`B5 stateAt(${seq}) returned seq ${state.seq}`);
      }

      reader = new Database(host.path, { readonly: true });
      const select = reader
        .prepare<[string]>('SELECT first_seq, events FROM event_batches WHERE run_id = ? ORDER BY first_seq')
        .raw();
      const project = async (): Promise<number> => {
        const s0 = nowUs();
        const fold = foldEvents(runId, await host.store.events(runId), graphOf(workflow));
        const ms = (nowUs() - s0) / 1000;
        if (fold.seq !== last || fold.status !== 'completed') throw new Error('B5 replay did not reach the end');
        return ms;
      };
      const baseline = (): number => {
        const s0 = nowUs();
        const actor = createActor(sink).start();
        for (const [firstSeq, events] of select.all(runId) as RawBatch[]) {
          let seq = firstSeq;
          for (const [at, type, node, data] of JSON.parse(events) as RawTuple[])
            actor.send({ type, seq: seq++, at, node, data });
        }
        actor.stop();
        return (nowUs() - s0) / 1000;
      };
      config.progress(`B5: ${config.reps} pair(s) of full replays`);
      await interleave(1, project, baseline);
      const pairs = await interleave(config.reps, project, baseline);
      const { ratios, ratio, project: replayMs, baseline: rawMs } = pairStats(pairs);
      const p50 = percentile(seqMs, 50);
      const p99 = percentile(seqMs, 99);
      const seqMet = p99 <= GOAL_SEQ_MS;
      const replayMet = ratio <= GOAL_REPLAY;
      return {
        json: {
          met: seqMet && replayMet,
          events: last,
          record_ms: round(recordMs),
          random_seq_p50_ms: round(p50),
          random_seq_p99_ms: round(p99),
          random_seq_max_ms: round(Math.max(...seqMs)),
          random_seq_goal_ms: GOAL_SEQ_MS,
          replay_ratio: round(ratio),
          replay_goal: GOAL_REPLAY,
          replay_ms: round(replayMs),
          baseline_replay_ms: round(rawMs),
          pair_ratios: ratios.map(round),
          spread_pct: round(spreadPct(ratios)),
        },
        rows: [
          {
            benchmark: `B5 state at random seq (${last} events)`,
            project: `p50 ${fmt(p50, 'ms')}`,
            baseline: '-',
            value: `p99 ${fmt(p99, 'ms')}`,
            goal: `≤ ${GOAL_SEQ_MS} ms`,
            met: seqMet,
          },
          {
            benchmark: 'B5 full replay',
            project: fmt(replayMs, 'ms'),
            baseline: fmt(rawMs, 'ms'),
            value: `${round(ratio)}× (±${Math.round(spreadPct(ratios))}%)`,
            goal: `≤ ${GOAL_REPLAY}×`,
            met: replayMet,
          },
          {
            benchmark: 'B5 recording the run (info)',
            project: fmt(recordMs, 'ms'),
            baseline: '-',
            value: fmt(((last / recordMs) * 1000) / 1000, 'k events/s'),
            goal: '-',
          },
        ],
      };
    } finally {
      reader?.close();
      await host.close();
    }
  },
};
