import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startWebhookReceiver } from '@stratum/destinations/testing';
import type { WebhookReceiver } from '@stratum/destinations/testing';
import { REFUSED_ADDRESS, publicOnlyLookup } from './public-lookup';
import { createWebhookAgents, sendWebhook } from './send-webhook';

const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' };
const agents = createWebhookAgents();
let receiver: WebhookReceiver;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(() => receiver.close());

const send = (url: string, overrides: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
  sendWebhook(
    { url, body: '{}', headers, timeoutMs: 5_000, allowPrivate: true, ...overrides },
    agents,
  );

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('sendWebhook', () => {
  it('reports a redirect as an answer, not followed', async () => {
    receiver.answer = () => ({ status: 302, headers: { Location: 'http://169.254.169.254/' } });
    expect(await send(`${receiver.url}/a`)).toMatchObject({ kind: 'answered', status: 302 });
    expect(receiver.received).toHaveLength(1);
  });

  it('reads an HTTP-date Retry-After', async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    receiver.answer = () => ({ status: 503, headers: { 'Retry-After': inTwoMinutes } });
    const result = await send(receiver.url);
    expect(result).toMatchObject({ kind: 'answered', status: 503 });
    expect(result.kind === 'answered' && result.retryAfterSeconds).toBeGreaterThan(100);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    receiver.answer = () => ({ hold: new Promise(() => undefined) });
    expect(await send(receiver.url, { timeoutMs: 200 })).toMatchObject({
      kind: 'failed',
      error: 'no answer within 200 ms',
    });
  });

  it('stops when the worker stops', async () => {
    receiver.answer = () => ({ hold: new Promise(() => undefined) });
    const stop = new AbortController();
    const sending = send(receiver.url, { signal: stop.signal });
    await receiver.waitFor(1);
    stop.abort();
    expect(await sending).toMatchObject({
      kind: 'failed',
      error: 'interrupted: the worker stopped during the attempt',
    });
  });

  it.each([
    [
      'refused connections',
      async () => `http://127.0.0.1:${await closedPort()}/`,
      'connection refused',
    ],
    [
      'names that do not resolve',
      () => 'http://no-such-host.invalid/',
      'the host name does not resolve',
    ],
    ['TLS to a plain HTTP server', () => receiver.url.replace('http:', 'https:'), 'TLS error'],
  ])('describes %s in words', async (_label, url, words) => {
    const result = await send(await url());
    expect(result).toMatchObject({ kind: 'failed', error: expect.stringContaining(words) });
  });

  it('refuses private literal addresses unless allowed, before connecting', async () => {
    const result = await send(`${receiver.url}/x`, { allowPrivate: false });
    expect(result).toMatchObject({ kind: 'failed', error: expect.stringMatching(/^not sent: /) });
    const ipv6 = await send('http://[::1]:9/x', { allowPrivate: false });
    expect(ipv6).toMatchObject({ kind: 'failed', error: expect.stringMatching(/^not sent: /) });
    expect(receiver.received).toEqual([]);
  });
});

describe('publicOnlyLookup', () => {
  const lookup = (hostname: string, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) => {
      publicOnlyLookup(hostname, { all }, (error, address) => resolve({ error, address }));
    });

  it.each([true, false])('refuses a name with a loopback address (all: %p)', async (all) => {
    const { error } = await lookup('localhost', all);
    expect(error?.code).toBe(REFUSED_ADDRESS);
  });

  it('passes DNS failures through', async () => {
    const { error } = await lookup('no-such-host.invalid', false);
    expect(error?.code).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });
});
