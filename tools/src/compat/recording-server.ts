import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';

/** The headers a vendor request is judged by; the rest (host, length…) say nothing. */
const RECORDED_HEADERS = ['content-type', 'content-encoding', 'authorization', 'user-agent'];

/** One request as a vendor client sent it, with its body decoded to JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What the server answers: a status, a JSON body and extra headers, chosen per request. */
export type Answer = (request: RecordedRequest) => {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
};

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** Resolves once `count` requests in all have been recorded. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 (a free port) that records every request, decompressing
 * gzip and deflate bodies whatever the Content-Type claims, and answers as `answer` says.
 */
export async function startRecordingServer(answer: Answer): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const server = createServer((req, res) => {
    void record(req).then(
      (request) => {
        requests.push(request);
        const { status, body, headers } = answer(request);
        reply(res, status, body, headers);
        for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
      },
      (error: unknown) => reply(res, 400, { error: String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitFor: (count, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        if (requests.length >= count) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} requests, got ${requests.length}`)),
          timeoutMs,
        );
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = req.headers['content-encoding'];
  const text = (
    encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw
  ).toString('utf8');
  const headers: Record<string, string> = {};
  for (const name of RECORDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return {
    method: req.method ?? '',
    path: req.url ?? '',
    headers,
    body: text === '' ? null : (JSON.parse(text) as unknown),
  };
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
