import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StratumClient } from './stratum-client';
import type { DeliveryError } from './client-options';

type Handler = (
  body: { events: { event_id: string; sent_at?: string }[] },
  req: IncomingMessage,
  res: ServerResponse,
) => void;

/** A real HTTP server standing in for the ingest API, answering as each test scripts. */
async function withServer(
  handlers: Handler[],
  run: (endpoint: string, requests: { events: { event_id: string }[] }[]) => Promise<void>,
) {
  const requests: { events: { event_id: string }[] }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { events: { event_id: string }[] };
      requests.push(body);
      const handler = handlers[Math.min(requests.length - 1, handlers.length - 1)]!;
      handler(body, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const ok: Handler = (body, _req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({ accepted: body.events.length, duplicates: 0, rejected: 0, results: [] }),
  );
};
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_body, _req, res) => {
    res.writeHead(code, { 'Content-Type': 'application/problem+json', ...headers });
    res.end('{}');
  };

const identifiers = [{ type: 'email' as const, value: 'jane@example.com' }];

describe('StratumClient', () => {
  it('batches queued events and sends them with the write key', async () => {
    await withServer([ok], async (endpoint, requests) => {
      const client = new StratumClient({ writeKey: 'cdp_wk_test', endpoint, flushIntervalMs: 0 });
      const id = client.track('Signed Up', { identifiers, properties: { plan: 'pro' } });
      client.identify(identifiers, { name: 'Jane' });
      const result = await client.close();
      expect(result).toEqual({ accepted: 2, duplicates: 0, rejected: 0, failed: 0 });
      expect(requests).toHaveLength(1);
      expect(requests[0]!.events[0]).toMatchObject({
        event_id: id,
        type: 'track',
        name: 'Signed Up',
        sent_at: expect.any(String),
      });
    });
  });

  it('sends on its own once flushAt events are queued', async () => {
    await withServer([ok], async (endpoint, requests) => {
      const client = new StratumClient({ writeKey: 'k', endpoint, flushAt: 2, flushIntervalMs: 0 });
      client.track('A', { identifiers });
      client.track('B', { identifiers });
      await client.flush();
      expect(requests).toHaveLength(1);
      expect(requests[0]!.events).toHaveLength(2);
    });
  });

  it('retries 503 and 429 with the same event ids', async () => {
    await withServer(
      [status(503), status(429, { 'Retry-After': '0' }), ok],
      async (endpoint, requests) => {
        const client = new StratumClient({
          writeKey: 'k',
          endpoint,
          flushIntervalMs: 0,
          retryBaseMs: 1,
        });
        client.track('A', { identifiers, eventId: 'fixed-id' });
        const result = await client.flush();
        expect(result.accepted).toBe(1);
        expect(requests.map((r) => r.events[0]!.event_id)).toEqual([
          'fixed-id',
          'fixed-id',
          'fixed-id',
        ]);
      },
    );
  });

  it('gives up on a 400 at once and reports it', async () => {
    await withServer([status(400)], async (endpoint, requests) => {
      const errors: DeliveryError[] = [];
      const client = new StratumClient({
        writeKey: 'k',
        endpoint,
        flushIntervalMs: 0,
        onError: (e) => errors.push(e),
      });
      client.track('A', { identifiers, eventId: 'bad' });
      expect(await client.flush()).toMatchObject({ failed: 1 });
      expect(requests).toHaveLength(1);
      expect(errors[0]).toMatchObject({ status: 400, eventIds: ['bad'] });
    });
  });

  it('gives up after maxAttempts when the server stays down', async () => {
    const errors: DeliveryError[] = [];
    const client = new StratumClient({
      writeKey: 'k',
      endpoint: 'http://127.0.0.1:9', // nothing listens on the discard port
      flushIntervalMs: 0,
      maxAttempts: 2,
      retryBaseMs: 1,
      onError: (e) => errors.push(e),
    });
    client.page('Home', { identifiers });
    expect(await client.flush()).toMatchObject({ failed: 1 });
    expect(errors[0]!.message).toBe('gave up after 2 attempts');
  });

  it('refuses a flushAt outside 1..500', () => {
    expect(() => new StratumClient({ writeKey: 'k', flushAt: 501 })).toThrow(RangeError);
  });
});
