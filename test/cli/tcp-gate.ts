/**
 * A loopback TCP forwarder in front of a server (PostgreSQL here) that a test can cut and
 * restore on the same port: while cut, open connections are dropped and new ones refused, as
 * a client sees a database that went away — without restarting the database other tests use.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpGate {
  readonly port: number;
  /** Drops every connection and stops listening: connecting is refused. */
  cut(): Promise<void>;
  /** Listens on the same port again. */
  restore(): Promise<void>;
}

export async function openTcpGate(targetPort: number): Promise<TcpGate> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A dropped peer ends both halves; the error itself is what the test provokes.
    socket.on('error', () => socket.destroy());
  };
  const forward = (client: Socket) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  };
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer(forward);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  let server: Server | undefined = await listen(0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the TCP gate has no port');
  const { port } = address;
  return {
    port,
    async cut() {
      const closing = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (closing === undefined ? resolve() : closing.close(() => resolve())));
    },
    async restore() {
      server ??= await listen(port);
    },
  };
}
