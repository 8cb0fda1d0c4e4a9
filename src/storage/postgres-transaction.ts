import type { Pool, PoolClient } from 'pg';

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Runs `work` in a transaction on one connection of `pool`: committed when it resolves, rolled
 * back when it throws (the error is passed on as it is). A connection that failed on the way
 * (dropped, terminated by the server) is discarded instead of going back to the pool.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out connection that drops emits 'error' as well as failing its statement; unheard,
  // that event would crash the process.
  const onError = (err: Error): void => {
    broken = err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    if (broken === undefined) await client.query('ROLLBACK').catch((failed: unknown) => (broken = asError(failed)));
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
