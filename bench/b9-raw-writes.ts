import { Client } from 'pg';
import { z } from 'zod';

/**
 * B9's raw baseline: the rows the workers wrote — every event batch after the recorded ones and
 * one run-row update per batch, as each append does — written again with plain `pg` in batched
 * transactions, no engine, no claims, no leases, no reads.
 */

/** One event batch a worker appended, with the run row's values after that append. */
interface AppendedRow {
  runId: string;
  firstSeq: number;
  lastSeq: number;
  events: string;
  status: string;
  output: string | null;
  endedAt: string | null;
}

export interface WorkerRows {
  /** Round j holds every run's j-th appended batch: a transaction never updates a run row twice. */
  rounds: AppendedRow[][];
  events: number;
  batches: number;
}

const Row = z.object({
  runId: z.string(),
  firstSeq: z.int(),
  lastSeq: z.int(),
  events: z.string(),
  runLastSeq: z.int(),
  status: z.string(),
  output: z.string().nullable(),
  endedAt: z.string().nullable(),
});

/** Reads what the workers appended to a drained store (batches after `recordedSeq`), grouped in rounds. */
export async function readWorkerRows(url: string, recordedSeq: number): Promise<WorkerRows> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(
      `SELECT b.run_id AS "runId", b.first_seq AS "firstSeq", b.last_seq AS "lastSeq", b.events,
              r.last_seq AS "runLastSeq", r.status, r.output, r.ended_at AS "endedAt"
       FROM event_batches b JOIN runs r ON r.id = b.run_id
       WHERE b.first_seq > $1 ORDER BY b.run_id, b.first_seq`,
      [recordedSeq],
    );
    const rounds: AppendedRow[][] = [];
    let events = 0;
    let runId: string | undefined;
    let round = 0;
    for (const value of result.rows) {
      const row = Row.parse(value);
      round = row.runId === runId ? round + 1 : 0;
      runId = row.runId;
      // Appends before the last one leave the run running; the last one sets what the run row holds now.
      const last = row.lastSeq === row.runLastSeq;
      (rounds[round] ??= []).push({
        runId: row.runId,
        firstSeq: row.firstSeq,
        lastSeq: row.lastSeq,
        events: row.events,
        status: last ? row.status : 'running',
        output: last ? row.output : null,
        endedAt: last ? row.endedAt : null,
      });
      events += row.lastSeq - row.firstSeq + 1;
    }
    return { rounds, events, batches: result.rows.length };
  } finally {
    await client.end();
  }
}

/**
 * Writes `rows` into the store at `url` (a copy of the recorded runs, not drained): per
 * transaction `perTransaction` batches in one INSERT and their run-row updates in one UPDATE.
 * Returns events per second, first BEGIN to last COMMIT.
 */
export async function writeRawRows(url: string, rows: WorkerRows, perTransaction: number): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    for (const round of rows.rounds) {
      for (let start = 0; start < round.length; start += perTransaction) {
        const chunk = round.slice(start, start + perTransaction);
        await client.query('BEGIN');
        await client.query({
          name: 'raw-batches',
          text: `INSERT INTO event_batches (run_id, first_seq, last_seq, events)
                 SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[])`,
          values: [
            chunk.map((r) => r.runId),
            chunk.map((r) => r.firstSeq),
            chunk.map((r) => r.lastSeq),
            chunk.map((r) => r.events),
          ],
        });
        await client.query({
          name: 'raw-run-rows',
          text: `UPDATE runs SET last_seq = u.last_seq, status = u.status, output = u.output, ended_at = u.ended_at
                 FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])
                   AS u (id, last_seq, status, output, ended_at)
                 WHERE runs.id = u.id`,
          values: [
            chunk.map((r) => r.runId),
            chunk.map((r) => r.lastSeq),
            chunk.map((r) => r.status),
            chunk.map((r) => r.output),
            chunk.map((r) => r.endedAt),
          ],
        });
        await client.query('COMMIT');
      }
    }
    return rows.events / ((performance.now() - t0) / 1000);
  } finally {
    await client.end();
  }
}
