/**
 * @jest-environment jsdom
 */
import { StratumClient } from './stratum-client';
import type { ClientIdentifier } from './client-event';
import { KEEPALIVE_LIMIT_BYTES } from './unload-plan';

// jsdom has neither fetch, Request nor sendBeacon: each test installs what the browser it
// plays has, and records what the client hands to them.
interface Sent {
  url: string;
  init: RequestInit;
}

// jsdom's globals, typed here: the library's tsconfig has no DOM typings (the package needs none).
const { window, document, navigator } = globalThis as unknown as {
  window: EventTarget;
  document: EventTarget;
  navigator: object;
};

let fetched: Sent[];
let beacons: { url: string; body: string }[];
let beaconAnswer: boolean;

const bodyOf = (sent: Sent) => sent.init.body as string;

const fetchStub = jest.fn((url: string | URL | Request, init?: RequestInit) => {
  const sent = { url: url as string, init: init ?? {} };
  fetched.push(sent);
  const { events } = JSON.parse(bodyOf(sent)) as { events: unknown[] };
  return Promise.resolve({
    ok: true,
    status: 200,
    headers: { get: () => null },
    json: () => Promise.resolve({ accepted: events.length, duplicates: 0, rejected: 0 }),
  } as unknown as Response);
});

function withKeepalive(available: boolean) {
  Object.defineProperty(globalThis, 'Request', {
    configurable: true,
    writable: true,
    value: available
      ? class {
          get keepalive() {
            return false;
          }
        }
      : class {},
  });
}

beforeEach(() => {
  fetched = [];
  beacons = [];
  beaconAnswer = true;
  fetchStub.mockClear();
  withKeepalive(true);
  Object.defineProperty(navigator, 'sendBeacon', {
    configurable: true,
    value: (url: string, body: string) => {
      beacons.push({ url, body });
      return beaconAnswer;
    },
  });
  setVisibility('visible');
});

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, value: state });
}

const anonymous: ClientIdentifier[] = [{ type: 'anonymous_id', value: 'anon-1' }];

function client(options: { flushOnPageHide?: boolean } = {}) {
  return new StratumClient({
    writeKey: 'cdp_wk_test',
    endpoint: 'https://ingest.example.com',
    flushIntervalMs: 0,
    fetch: fetchStub,
    ...options,
  });
}

describe('a page that is left or hidden', () => {
  it('sends the queue on pagehide with a keepalive request carrying the write key', async () => {
    const c = client();
    const id = c.track('Viewed Item', { identifiers: anonymous });
    window.dispatchEvent(new Event('pagehide'));
    expect(fetched).toHaveLength(1);
    expect(fetched[0]!.url).toBe('https://ingest.example.com/api/v1/cdp/events');
    expect(fetched[0]!.init).toMatchObject({
      method: 'POST',
      keepalive: true,
      headers: { Authorization: 'Bearer cdp_wk_test' },
    });
    expect(JSON.parse(bodyOf(fetched[0]!)).events[0].event_id).toBe(id);
    expect(beacons).toHaveLength(0);
    expect(await c.close()).toMatchObject({ accepted: 1, failed: 0 });
  });

  it('sends when the page becomes hidden, not when it becomes visible', async () => {
    const c = client();
    c.track('A', { identifiers: anonymous });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(fetched).toHaveLength(0);
    setVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(fetched).toHaveLength(1);
    await c.close();
  });

  it('falls back to sendBeacon to the Segment-compatible route when keepalive is missing', async () => {
    withKeepalive(false);
    const c = client();
    const trackId = c.track('Signed Up', {
      identifiers: [
        { type: 'external_id', value: 'user-7' },
        { type: 'email', value: 'jane@example.com' },
        { type: 'device_id', value: 'dev-1' },
      ],
      properties: { plan: 'pro' },
      timestamp: new Date('2026-11-24T10:00:00.000Z'),
    });
    const pageId = c.page('Home', { identifiers: anonymous });
    expect(c.flushOnUnload()).toEqual({ keepalive: 0, beacon: 2, kept: 0 });
    expect(fetched).toHaveLength(0);
    expect(beacons).toHaveLength(1);
    expect(beacons[0]!.url).toBe('https://ingest.example.com/v1/batch');
    const body = JSON.parse(beacons[0]!.body);
    expect(body).toMatchObject({ writeKey: 'cdp_wk_test', sentAt: expect.any(String) });
    expect(body.batch).toEqual([
      {
        type: 'track',
        messageId: trackId,
        event: 'Signed Up',
        userId: 'user-7',
        properties: { plan: 'pro' },
        context: { traits: { email: 'jane@example.com' }, device: { id: 'dev-1' } },
        originalTimestamp: '2026-11-24T10:00:00.000Z',
      },
      {
        type: 'page',
        messageId: pageId,
        name: 'Home',
        anonymousId: 'anon-1',
        originalTimestamp: expect.any(String),
      },
    ]);
    expect(await c.close()).toMatchObject({ accepted: 0, failed: 0 });
  });

  it('sends what exceeds the 64 KiB keepalive budget by beacons of at most 64 KiB', async () => {
    const c = client();
    const padding = 'x'.repeat(5000);
    for (let i = 0; i < 30; i++)
      c.track('Big', { identifiers: anonymous, properties: { padding } });
    const result = c.flushOnUnload();
    expect(result.keepalive + result.beacon).toBe(30);
    expect(result).toMatchObject({ kept: 0 });
    expect(result.keepalive).toBeGreaterThan(0);
    const keepaliveBytes = fetched.reduce((n, s) => n + Buffer.byteLength(bodyOf(s)), 0);
    expect(keepaliveBytes).toBeLessThanOrEqual(KEEPALIVE_LIMIT_BYTES);
    expect(beacons.length).toBeGreaterThan(1);
    for (const b of beacons)
      expect(Buffer.byteLength(b.body)).toBeLessThanOrEqual(KEEPALIVE_LIMIT_BYTES);
    const beaconCount = beacons.reduce(
      (n, b) => n + (JSON.parse(b.body) as { batch: unknown[] }).batch.length,
      0,
    );
    expect(beaconCount).toBe(result.beacon);
    await c.close();
  });

  it('keeps what the browser refused and what a beacon cannot express, for the next flush', async () => {
    withKeepalive(false);
    beaconAnswer = false;
    const c = client();
    c.track('Refused', { identifiers: anonymous });
    c.track('Hashed', { identifiers: [{ type: 'email', hash: 'a'.repeat(64) }] });
    expect(c.flushOnUnload()).toEqual({ keepalive: 0, beacon: 0, kept: 2 });
    expect(beacons).toHaveLength(1);
    expect(await c.close()).toMatchObject({ accepted: 2, failed: 0 });
    expect(fetched).toHaveLength(1);
    expect(fetched[0]!.init.keepalive).toBeUndefined();
  });

  it('stops watching the page once closed, and never when told not to', async () => {
    const closed = client();
    await closed.close();
    closed.track('After close', { identifiers: anonymous });
    const unwatched = client({ flushOnPageHide: false });
    unwatched.track('Unwatched', { identifiers: anonymous });
    window.dispatchEvent(new Event('pagehide'));
    expect(fetched).toHaveLength(0);
    expect(beacons).toHaveLength(0);
    await unwatched.close();
  });

  it('makes event ids without crypto.randomUUID (a page served over plain HTTP)', async () => {
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', {
      configurable: true,
      value: undefined,
    });
    try {
      const c = client({ flushOnPageHide: false });
      expect(c.track('A', { identifiers: anonymous })).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      await c.close();
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', {
        configurable: true,
        value: original,
      });
    }
  });
});
