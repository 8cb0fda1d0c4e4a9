import type { ServerResponse } from 'node:http';
import type { RunEventsListener } from './run-event-hub.js';

export interface EventStreamSource {
  subscribe(listener: RunEventsListener): () => void;
}

/** The open streams of a server, so that closing it ends them instead of waiting forever. */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  /**
   * `GET /api/events[?runId=ID]`: Server-Sent Events, one `data:` line of RunEventsMessage
   * JSON per commit, and a comment line every `heartbeatMs` so proxies keep the stream open.
   */
  serve(res: ServerResponse, source: EventStreamSource, runId: string | undefined, heartbeatMs: number): void {
    // A stream's connection is never reused, so ending it (server shutdown) closes the socket too.
    res.shouldKeepAlive = false;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    const unsubscribe = source.subscribe((message) => {
      if (runId === undefined || message.runId === runId) res.write(`data: ${JSON.stringify(message)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    this.open.add(res);
    const cleanup = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    res.on('close', cleanup);
  }

  closeAll(): void {
    for (const res of [...this.open]) res.end();
  }
}
