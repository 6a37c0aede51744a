// Fixtures for tests of destinations (`@stratum/destinations/testing`): a real HTTP receiver
// on 127.0.0.1 and the job queue's schema in a test database.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger, runMigrations } from 'graphile-worker';

/** One request the receiver got, with its raw body. */
export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers one request; `hold` keeps it waiting until released. */
type ReceiverAnswer =
  | { status: number; headers?: Record<string, string> }
  | { hold: Promise<{ status: number; headers?: Record<string, string> }> };

/** A receiver listening on 127.0.0.1. */
export interface WebhookReceiver {
  /** Its base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request so far, in arrival order. */
  received: ReceivedWebhook[];
  /** Decides the answer to each request (default: 204). */
  answer: (request: ReceivedWebhook, index: number) => ReceiverAnswer;
  /** Resolves once `count` requests have arrived in all (whatever their answer). */
  waitFor: (count: number, timeoutMs?: number) => Promise<ReceivedWebhook[]>;
  close: () => Promise<void>;
}

/** Starts a receiver that records each request and answers as `answer` says. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer: () => ({ status: 204 }),
    waitFor: (count, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          resolve(receiver.received);
        };
        const timer = setTimeout(() => {
          reject(new Error(`the receiver got ${receiver.received.length} of ${count} requests`));
        }, timeoutMs);
        if (receiver.received.length >= count) done();
        else waiters.push({ count, resolve: done });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ReceivedWebhook = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const index = receiver.received.push(request) - 1;
    for (const waiter of waiters.filter((w) => receiver.received.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const answer = receiver.answer(request, index);
    const { status, headers } = 'hold' in answer ? await answer.hold : answer;
    if (!res.destroyed) res.writeHead(status, headers).end();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

/** Installs the job queue's schema, as the worker does when it first starts. */
export async function installJobQueue(databaseUrl: string): Promise<void> {
  const quiet = new Logger(() => () => undefined);
  await runMigrations({ connectionString: databaseUrl, logger: quiet });
}
