import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Metrics, RunningServer } from '@stratum/http';
import { startAppUnderTest, wireApp } from '../testing/app-under-test';
import type { AppUnderTest } from '../testing/app-under-test';
import { hashOf, ingestEvents } from '../testing/seed';
import { bearerWithScopes, createTestSegment, planIs } from '../testing/segments';
import { listen, openSse, openWs } from '../testing/stream-clients';
import type { StreamedMessage } from '../testing/stream-clients';

let t: AppUnderTest;
let server: RunningServer;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await startAppUnderTest();
  server = await listen(t.app, t.log.logger);
  headers = { Authorization: t.auth };
}, 60_000);

afterAll(async () => {
  await server?.shutdown('tests done');
  await t?.close();
});

const email = (name: string) => ({ type: 'email' as const, value: `${name}@stream.example` });

function event(
  name: string,
  extra: { traits?: Record<string, unknown>; properties?: Record<string, unknown> } = {},
) {
  return {
    eventId: `evt-${randomUUID()}`,
    occurredAt: new Date(),
    identifiers: [email(name)],
    name: 'Page Viewed',
    ...extra,
  };
}

const counter = async (metrics: Metrics, name: string, labels: string) => {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return Number(line?.split(' ').at(-1) ?? NaN);
};

describe('GET /api/v1/cdp/stream (server-sent events)', () => {
  it('sends each stored event as it is stored, with hashes only and the SSE id of the message', async () => {
    const sse = await openSse(server.url, '/api/v1/cdp/stream', headers);
    expect(sse.status).toBe(200);
    // Connected: from now on. Give the tail its first read of the head.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const batch = [event('ada'), event('ada'), event('grace')];
    const [adaId, , graceId] = await ingestEvents(t.db, t.tenant.tenant.tenantId, batch);

    const messages = (await sse.waitFor(3)).filter((m) => m.type === 'event.received');
    expect(messages.map((m) => m.data.event_id)).toEqual(batch.map((e) => e.eventId));
    expect(messages.map((m) => m.profile_id)).toEqual([adaId, adaId, graceId]);
    expect(messages[0]!.data).toMatchObject({
      name: 'Page Viewed',
      identifiers: [{ type: 'email', hash: hashOf(email('ada')) }],
    });
    expect(sse.ids).toEqual(sse.messages.map((m) => m.id));
    expect(sse.raw()).not.toContain('@stream.example');
    sse.close();
  });

  it('resumes after the Last-Event-ID, inside a batch as between batches', async () => {
    const sse = await openSse(server.url, '/api/v1/cdp/stream?types=event.received', headers);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const first = [event('lin'), event('lin'), event('lin')];
    await ingestEvents(t.db, t.tenant.tenant.tenantId, first);
    const seen = await sse.waitFor(3);
    sse.close();
    const later = [event('lin')];
    await ingestEvents(t.db, t.tenant.tenant.tenantId, later);

    const again = await openSse(server.url, '/api/v1/cdp/stream?types=event.received', {
      ...headers,
      'Last-Event-ID': seen[0]!.id,
    });
    const resumed = await again.waitFor(3);
    expect(resumed.map((m) => m.data.event_id)).toEqual(
      [first[1]!, first[2]!, later[0]!].map((e) => e.eventId),
    );
    again.close();
  });

  it('ends open streams when the server drains, saying so', async () => {
    const wired = wireApp(t.appDb, t.log.logger);
    const own = await listen(wired.app, t.log.logger);
    const sse = await openSse(own.url, '/api/v1/cdp/stream', headers);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(own.shutdown('test')).resolves.toBe(0);
    await sse.ended();
    expect(sse.closeEvent()).toEqual({ reason: 'shutdown', resume_after: null });
    await wired.close();
  });
});

describe('GET /api/v1/cdp/stream/ws (WebSocket)', () => {
  it('filters by segment: its entries and exits, and its members’ events only', async () => {
    const [proId] = await ingestEvents(t.db, t.tenant.tenant.tenantId, [
      event('pro-ws', { traits: { plan: 'pro' } }),
    ]);
    const segmentId = await createTestSegment(t.db, t.tenant.tenant.tenantId, {
      name: `ws pro ${randomUUID()}`,
      definition: planIs('pro'),
    });
    const ws = await openWs(
      server.url,
      `/api/v1/cdp/stream/ws?segment=${segmentId}&types=event.received,segment.entered`,
      headers,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const member = event('pro-ws');
    await ingestEvents(t.db, t.tenant.tenant.tenantId, [event('free-ws'), member]);
    const [message] = await ws.waitFor(1);
    expect(message).toMatchObject({ type: 'event.received', profile_id: proId });
    expect(message!.data.event_id).toBe(member.eventId);
    ws.socket.close();
  });

  it('replays from ?after=: the segment entry recorded before the connection', async () => {
    const before = await openWs(server.url, '/api/v1/cdp/stream/ws?types=segment.entered', headers);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await ingestEvents(t.db, t.tenant.tenant.tenantId, [event('vip', { traits: { plan: 'vip' } })]);
    const segmentId = await createTestSegment(t.db, t.tenant.tenant.tenantId, {
      name: `vip ${randomUUID()}`,
      definition: planIs('vip'),
    });
    const [entered] = await before.waitFor(1);
    expect(entered).toMatchObject({ type: 'segment.entered', data: { segment_id: segmentId } });
    before.socket.close();

    // From just before it: a message id of the same feed, one change earlier.
    const [xid, change] = entered!.id.split(':');
    const after = `${xid}:${Number(change) - 1}:0`;
    const replay = await openWs(
      server.url,
      `/api/v1/cdp/stream/ws?types=segment.entered&after=${after}`,
      headers,
    );
    const [again] = await replay.waitFor(1);
    expect(again).toEqual(entered);
    replay.socket.close();
  });

  it('refuses a bad filter before the handshake, with a problem naming the field', async () => {
    const refused = await openWs(
      server.url,
      '/api/v1/cdp/stream/ws?types=profile.deleted',
      headers,
    ).catch(
      (error: { status: number; contentType: string; body: { errors: { path: string }[] } }) =>
        error,
    );
    expect(refused).toMatchObject({
      status: 400,
      contentType: 'application/problem+json; charset=utf-8',
    });
    expect((refused as { body: { errors: { path: string }[] } }).body.errors[0]!.path).toBe(
      'types',
    );
    const anonymous = await openWs(server.url, '/api/v1/cdp/stream/ws', {}).catch(
      (error: { status: number }) => error,
    );
    expect(anonymous).toMatchObject({ status: 401 });
  });
});

describe('stream bad input (HTTP)', () => {
  it.each([
    ['types=segment.entered,nope', 'types'],
    ['segment=not-a-uuid', 'segment'],
    ['after=12', 'after'],
  ])('%s → 400 naming %s', async (query, field) => {
    const res = await request(t.app).get(`/api/v1/cdp/stream?${query}`).set(headers);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('a malformed Last-Event-ID → 400 naming the header', async () => {
    const res = await request(t.app)
      .get('/api/v1/cdp/stream')
      .set(headers)
      .set('Last-Event-ID', 'yesterday');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'Last-Event-ID', message: expect.any(String) }]);
  });

  it('an unknown segment, or another tenant’s → 404', async () => {
    const res = await request(t.app).get(`/api/v1/cdp/stream?segment=${randomUUID()}`).set(headers);
    expect(res.status).toBe(404);
  });

  it('segment messages without segments:read → 403; without a filter they are left out', async () => {
    const profilesOnly = await bearerWithScopes(t.db, t.tenant.tenant.tenantId, ['profiles:read']);
    const res = await request(t.app)
      .get('/api/v1/cdp/stream?types=segment.exited')
      .set('Authorization', profilesOnly);
    expect(res.status).toBe(403);
    const writeOnly = await bearerWithScopes(t.db, t.tenant.tenant.tenantId, ['events:write']);
    const denied = await request(t.app).get('/api/v1/cdp/stream').set('Authorization', writeOnly);
    expect(denied.status).toBe(403);
  });

  it('GET /stream/ws without a WebSocket handshake → 426 with Upgrade: websocket', async () => {
    const res = await request(t.app).get('/api/v1/cdp/stream/ws').set(headers);
    expect(res.status).toBe(426);
    expect(res.headers.upgrade).toBe('websocket');
    expect(res.type).toBe('application/problem+json');
  });
});

describe('a slow reader', () => {
  it('is closed once it holds more than its budget when more comes, told where to resume', async () => {
    const wired = wireApp(t.appDb, t.log.logger, 100_000, { STREAM_BUFFER_BYTES: 65_536 });
    const own = await listen(wired.app, t.log.logger);
    try {
      const ws = await openWs(own.url, '/api/v1/cdp/stream/ws?types=event.received', headers);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The reader stops reading: the kernel's buffers fill, then the server's.
      const socket = (ws.socket as unknown as { _socket: { pause(): void; resume(): void } })
        ._socket;
      socket.pause();
      const big = { blob: 'x'.repeat(24_000) };
      const slowClosed = () =>
        counter(wired.metrics, 'cdp_stream_closed_total', 'reason="slow_reader"');
      const deadline = Date.now() + 30_000;
      while ((await slowClosed()) < 1 && Date.now() < deadline) {
        await ingestEvents(
          t.db,
          t.tenant.tenant.tenantId,
          Array.from({ length: 20 }, () => event('slow', { properties: big })),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await slowClosed()).toBe(1);
      socket.resume();
      const { code, reason } = await ws.closed();
      expect(code).toBe(1013);
      const last = ws.messages.at(-1) as StreamedMessage;
      expect(reason).toBe(`slow_reader; resume with after=${last.id}`);
    } finally {
      await own.shutdown('test');
      await wired.close();
    }
  }, 60_000);
});
