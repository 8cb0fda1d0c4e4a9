import { Client } from 'pg';
import { z } from 'zod';

/** What a PostgreSQL database did so far (pg_stat_database): B9 divides the workers' share by the runs. */
export interface DatabaseStats {
  /** Committed transactions: every autocommitted statement is one. */
  transactions: number;
  /** Rows handed out by scans (returned) and fetched from the heap by index scans. */
  rowsRead: number;
}

const Stats = z.object({ transactions: z.coerce.number(), rowsRead: z.coerce.number() });

/** The counters of the database `url` names, as the server has them now. */
export async function databaseStats(url: string): Promise<DatabaseStats> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Backends report their counters when they exit or go idle; a fresh snapshot sees what was reported.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const result = await client.query(
      `SELECT xact_commit AS transactions, tup_returned + tup_fetched AS "rowsRead"
       FROM pg_stat_database WHERE datname = current_database()`,
    );
    return Stats.parse(result.rows[0]);
  } finally {
    await client.end();
  }
}
