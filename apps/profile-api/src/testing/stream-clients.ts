// Live stream readers over a real socket: server-sent events read off an HTTP response, and
// a WebSocket from the `ws` client. Each collects what arrives; `waitFor` waits for a count.
import http from 'node:http';
import type { Express } from 'express';
import WebSocket from 'ws';
import { startServer } from '@stratum/http';
import type { Logger, RunningServer } from '@stratum/http';

export interface StreamedMessage {
  id: string;
  type: string;
  at: string;
  profile_id: string;
  data: Record<string, unknown>;
}

/** The app listening on a free port, as main.ts starts it (upgrades routed through it). */
export function listen(app: Express, logger: Logger): Promise<RunningServer> {
  return startServer(app, {
    port: 0,
    host: '127.0.0.1',
    logger,
    shutdownTimeoutMs: 5_000,
    onShutdown: () => Promise.resolve(),
    signals: [],
  });
}

async function until<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An SSE reader: its messages, the raw text received, and how the server ended it. */
export interface SseReader {
  status: number;
  messages: StreamedMessage[];
  /** Each SSE `id:` as sent (checked against the message's own id). */
  ids: string[];
  raw: () => string;
  /** The data of a last `event: close`, once received. */
  closeEvent: () => { reason: string; resume_after: string | null } | undefined;
  waitFor: (count: number) => Promise<StreamedMessage[]>;
  ended: () => Promise<void>;
  pause: () => void;
  resume: () => void;
  close: () => void;
}

export function openSse(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}${path}`, { headers }, (res) => {
      let raw = '';
      let pending = '';
      const messages: StreamedMessage[] = [];
      const ids: string[] = [];
      let closeEvent: { reason: string; resume_after: string | null } | undefined;
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw += chunk;
        pending += chunk;
        let cut: number;
        while ((cut = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, cut);
          pending = pending.slice(cut + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          const data = fields.get('data');
          if (data === undefined) continue;
          if (fields.get('event') === 'close') closeEvent = JSON.parse(data) as typeof closeEvent;
          else {
            messages.push(JSON.parse(data) as StreamedMessage);
            ids.push(fields.get('id') ?? '');
          }
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        messages,
        ids,
        raw: () => raw,
        closeEvent: () => closeEvent,
        waitFor: (count) =>
          until(() => (messages.length >= count ? messages : undefined), `${count} SSE messages`),
        ended: () => ended,
        pause: () => res.pause(),
        resume: () => res.resume(),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

/** A WebSocket reader: its messages and how it closed. */
export interface WsReader {
  socket: WebSocket;
  messages: StreamedMessage[];
  waitFor: (count: number) => Promise<StreamedMessage[]>;
  closed: () => Promise<{ code: number; reason: string }>;
}

/** Connects, or rejects with the HTTP status of a refused handshake (`status`). */
export function openWs(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<WsReader> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, { headers });
    const messages: StreamedMessage[] = [];
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      socket.on('close', (code, reason) => done({ code, reason: reason.toString() })),
    );
    socket.on('message', (data: Buffer) =>
      messages.push(JSON.parse(data.toString()) as StreamedMessage),
    );
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        reject(
          Object.assign(new Error(`handshake refused: ${res.statusCode}`), {
            status: res.statusCode,
            contentType: res.headers['content-type'],
            body: body === '' ? undefined : (JSON.parse(body) as unknown),
          }),
        ),
      );
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        socket,
        messages,
        waitFor: (count) =>
          until(() => (messages.length >= count ? messages : undefined), `${count} WS messages`),
        closed: () => closed,
      }),
    );
  });
}
