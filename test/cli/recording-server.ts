/**
 * An HTTP server for `http` nodes under test: it records every request with the headers the
 * engine sends (`Idempotency-Key`, `Switchyard-Attempt`) and answers when the test's `answer`
 * resolves, so a test can make responses slow or hold them until a worker was killed or paused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  /** 0, 1, 2 … in the order the requests arrived. */
  readonly index: number;
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly attempt: string | undefined;
  readonly receivedAt: number;
  /** Whether the response was written (to a client that may be gone by then). */
  answered: boolean;
}

export interface RecordingServer {
  /** `http://127.0.0.1:PORT` */
  readonly base: string;
  readonly requests: readonly ReceivedRequest[];
  /** Requests received and not answered yet. */
  inFlight(): ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts the server; each request is answered 200 with the JSON `answer` resolves to. */
export async function startRecordingServer(
  answer: (request: ReceivedRequest) => Promise<unknown>,
): Promise<RecordingServer> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(',') : value;
    };
    const request: ReceivedRequest = {
      index: requests.length,
      method: req.method ?? '',
      path: req.url ?? '',
      idempotencyKey: header('idempotency-key'),
      attempt: header('switchyard-attempt'),
      receivedAt: Date.now(),
      answered: false,
    };
    requests.push(request);
    // A killed worker's socket is gone by the time its answer is written: that is expected here.
    res.on('error', () => undefined);
    req.resume();
    void answer(request).then(
      (body) => {
        request.answered = true;
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      },
      (err: unknown) => {
        request.answered = true;
        if (!res.destroyed) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    inFlight: () => requests.filter((request) => !request.answered),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
