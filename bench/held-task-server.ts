import { createServer, type ServerResponse } from 'node:http';

/**
 * The task B10's runs call (an `http` node): the first request of every idempotency key is held
 * unanswered — the task is under way when the worker driving it is killed — and any later request
 * with that key (the task run again by the worker that took the run over) is answered at once.
 * Keys are `RUN:NODE:ENTRY` (the engine's), so requests are told apart by run.
 */
export interface HeldTaskServer {
  url: string;
  /** Resolves when a request of `runId` is being held; rejects after `timeoutMs`. */
  held(runId: string, timeoutMs: number): Promise<void>;
  /** The idempotency keys `runId`'s requests carried, in arrival order. */
  keysOf(runId: string): readonly string[];
  close(): Promise<void>;
}

export async function startHeldTaskServer(): Promise<HeldTaskServer> {
  const keys = new Map<string, string[]>();
  const waiting = new Map<string, () => void>();
  const holding = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const header = request.headers['idempotency-key'];
    const key = typeof header === 'string' ? header : '';
    const runId = key.split(':')[0] ?? '';
    const seen = keys.get(runId) ?? [];
    keys.set(runId, [...seen, key]);
    if (seen.includes(key)) {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    holding.add(response);
    response.once('close', () => holding.delete(response));
    waiting.get(runId)?.();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the held-task server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/task`,
    held(runId, timeoutMs) {
      if ((keys.get(runId)?.length ?? 0) > 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(runId);
          reject(new Error(`no worker started the task of run ${runId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(runId, () => {
          clearTimeout(timer);
          waiting.delete(runId);
          resolve();
        });
      });
    },
    keysOf: (runId) => keys.get(runId) ?? [],
    close: () =>
      new Promise((resolve) => {
        for (const response of holding) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
