import type { WebSocket } from 'ws';
import type { CloseReason, StreamSink } from './stream-sink';

const PING_MS = 30_000;
const CLOSE_GRACE_MS = 5_000;

/** Close codes (RFC 6455 §7.4): the server goes away, or asks the reader to come back later. */
const CLOSE_CODES: Record<Exclude<CloseReason, 'client'>, number> = {
  shutdown: 1001,
  slow_reader: 1013,
  error: 1011,
};

/**
 * A WebSocket as a stream sink: one text frame of JSON per message; a ping every 30 s, and a
 * connection that did not answer the last one is cut. The close frame's reason names the
 * cause and the id to resume after.
 */
export function wsSink(ws: WebSocket): StreamSink {
  let alive = true;
  ws.on('pong', () => (alive = true));
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, PING_MS);
  ping.unref();
  // Readers have nothing to say: whatever they send is ignored.
  ws.on('message', () => undefined);
  ws.on('error', () => ws.terminate());
  const listeners: (() => void)[] = [];
  ws.on('close', () => {
    clearInterval(ping);
    for (const listener of listeners.splice(0)) listener();
  });
  let lastWrite: Promise<void> = Promise.resolve();

  return {
    transport: 'websocket',
    write(_id, _type, json) {
      lastWrite = new Promise((resolve) => ws.send(json, () => resolve()));
    },
    bufferedBytes: () => ws.bufferedAmount,
    drained: () => lastWrite,
    end(reason, lastId) {
      if (ws.readyState !== ws.OPEN) return;
      const text = lastId === undefined ? reason : `${reason}; resume with after=${lastId}`;
      ws.close(CLOSE_CODES[reason], text);
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
    },
    onClose(listener) {
      if (ws.readyState === ws.CLOSED) listener();
      else listeners.push(listener);
    },
  };
}
