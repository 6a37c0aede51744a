import type { Response } from 'express';
import type { CloseReason, StreamSink } from './stream-sink';

const HEARTBEAT_MS = 15_000;
// A reader that ended cannot take its close message any more than its messages: after this
// long the connection is cut.
const CLOSE_GRACE_MS = 5_000;

/**
 * Server-sent events on an Express response: `id`, `event` (the type) and `data` (the
 * message) per message, a comment every 15 s so that proxies keep the connection open, and
 * a last `event: close` saying why the server ended it.
 */
export function sseSink(res: Response): StreamSink {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'private, no-store',
    // nginx would otherwise hold messages back until its buffer fills.
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const listeners: (() => void)[] = [];
  res.on('close', () => {
    clearInterval(heartbeat);
    for (const listener of listeners.splice(0)) listener();
  });

  return {
    transport: 'sse',
    write(id, type, json) {
      res.write(`id: ${id}\nevent: ${type}\ndata: ${json}\n\n`);
    },
    bufferedBytes: () => res.writableLength,
    drained: () =>
      res.writableLength === 0 || res.closed
        ? Promise.resolve()
        : new Promise((resolve) => {
            const done = (): void => {
              res.off('drain', done);
              res.off('close', done);
              resolve();
            };
            res.on('drain', done);
            res.on('close', done);
          }),
    end(reason: Exclude<CloseReason, 'client'>, lastId) {
      if (res.writableEnded) return;
      const body = JSON.stringify({ reason, resume_after: lastId ?? null });
      res.end(`event: close\ndata: ${body}\n\n`);
      setTimeout(() => res.destroy(), CLOSE_GRACE_MS).unref();
    },
    onClose(listener) {
      if (res.closed) listener();
      else listeners.push(listener);
    },
  };
}
