import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KeyedRequest {
  key: string | undefined;
  url: string;
  /** When the request arrived (ms since epoch, this process's clock). */
  at: number;
}

export interface KeyServer {
  base: string;
  received: KeyedRequest[];
  close(): Promise<void>;
}

/**
 * A local HTTP server that records every request's Idempotency-Key and answers, after
 * `latencyMs` (a window in which a kill lands between request and recorded completion),
 * with a body that depends on the request only.
 */
export async function startKeyServer(latencyMs: number): Promise<KeyServer> {
  const received: KeyedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      received.push({ key: typeof key === 'string' ? key : undefined, url: req.url ?? '', at: Date.now() });
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ path: req.url ?? '', got: body === '' ? null : (JSON.parse(body) as unknown) }));
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
