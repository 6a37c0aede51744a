import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createIngestTestApp } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(async () => {
  await t.close();
});

let n = 0;
const id = (prefix: string) => `${prefix}-${++n}`;
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const track = () => ({ type: 'track', event: 'Signed Up', userId: id('u'), messageId: id('m') });
const capture = () => ({ event: 'Signed Up', distinct_id: id('d'), uuid: id('e') });

interface Send {
  path: string;
  body: unknown;
  /** Authorization header; absent: none sent. */
  auth?: string;
  encoding?: 'gzip';
  /** Raw bytes instead of the JSON of `body`. */
  raw?: Buffer;
}

function send(c: Send) {
  const text = Buffer.from(JSON.stringify(c.body));
  const bytes = c.raw ?? (c.encoding === 'gzip' ? gzipSync(text) : text);
  const req = request(t.app).post(c.path).set('Content-Type', 'text/plain');
  if (c.auth !== undefined) void req.set('Authorization', c.auth);
  if (c.encoding !== undefined) void req.set('Content-Encoding', c.encoding);
  return req.serialize((b: unknown) => b as string).send(bytes);
}

const key = () => t.tenant.writeKey.key;
const writeAuth = () => basic(key());
// 600 KB of one repeated byte: a few hundred bytes gzipped, past the 512 KB cap inflated.
const bomb = () => gzipSync(JSON.stringify({ batch: [], pad: 'x'.repeat(600 * 1024) }));

describe('vendor routes refuse bad input with a problem naming the field', () => {
  it.each<[string, () => Send, number, RegExp, string | undefined]>([
    [
      'a Segment message without userId or anonymousId',
      () => ({ path: '/v1/track', auth: writeAuth(), body: { event: 'Signed Up' } }),
      400,
      /validation-failed/,
      'userId',
    ],
    [
      'a Segment batch message of an unknown type',
      () => ({
        path: '/v1/batch',
        auth: writeAuth(),
        body: { batch: [{ ...track(), type: 'x' }] },
      }),
      400,
      /validation-failed/,
      'batch.0.type',
    ],
    [
      'a Segment batch that is not an array',
      () => ({ path: '/v1/b', auth: writeAuth(), body: { batch: {} } }),
      400,
      /validation-failed/,
      'batch',
    ],
    [
      'a body labelled gzip that is not',
      () => ({
        path: '/v1/batch',
        auth: writeAuth(),
        body: {},
        raw: Buffer.from('{"batch":[]}'),
        encoding: 'gzip',
      }),
      400,
      /bad-request/,
      'Content-Encoding',
    ],
    [
      'a gzip body inflating past the cap',
      () => ({ path: '/v1/batch', auth: writeAuth(), body: {}, raw: bomb(), encoding: 'gzip' }),
      413,
      /payload-too-large/,
      undefined,
    ],
    [
      'a single message over 32 KB',
      () => ({
        path: '/v1/track',
        auth: writeAuth(),
        body: { ...track(), properties: { pad: 'x'.repeat(33_000) } },
      }),
      413,
      /payload-too-large/,
      undefined,
    ],
    [
      'a wrong Basic key',
      () => ({
        path: '/v1/batch',
        auth: basic('cdp_wk_' + 'A'.repeat(43)),
        body: { batch: [track()] },
      }),
      401,
      /unauthenticated/,
      undefined,
    ],
    [
      'no key at all',
      () => ({ path: '/v1/batch', body: { batch: [track()] } }),
      401,
      /unauthenticated/,
      undefined,
    ],
    [
      'a key without events:write',
      () => ({
        path: '/v1/batch',
        auth: `Bearer ${t.tenant.secretKey.key}`,
        body: { batch: [track()] },
      }),
      403,
      /forbidden/,
      undefined,
    ],
    [
      'a PostHog event without distinct_id',
      () => ({ path: '/e', body: { api_key: key(), event: 'Signed Up' } }),
      400,
      /validation-failed/,
      'distinct_id',
    ],
    [
      'a PostHog batch whose events all lack distinct_id',
      () => ({
        path: '/batch/',
        body: { api_key: key(), batch: [{ event: 'a' }, { event: 'b' }] },
      }),
      400,
      /validation-failed/,
      'batch.1.distinct_id',
    ],
    [
      'a wrong PostHog api_key',
      () => ({ path: '/capture/', body: { api_key: 'phc_not_ours', ...capture() } }),
      401,
      /unauthenticated/,
      undefined,
    ],
    [
      'a PostHog gzip body inflating past the cap',
      () => ({ path: '/batch', body: {}, raw: bomb(), encoding: 'gzip' }),
      413,
      /payload-too-large/,
      undefined,
    ],
  ])('%s', async (_what, make, status, type, path) => {
    // Every row has five cells: jest reads a fifth parameter without one as `done`.
    const res = await send(make());
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toMatch(type);
    if (path !== undefined)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('vendor routes accept what the clients send', () => {
  it.each<[string, () => Send, Record<string, unknown>]>([
    [
      'Segment writeKey in the body, short form with a slash',
      () => ({ path: '/v1/t/', body: { ...track(), writeKey: key() } }),
      { success: true },
    ],
    [
      'Segment Bearer',
      () => ({
        path: '/v1/identify',
        auth: `Bearer ${key()}`,
        body: { ...track(), type: undefined },
      }),
      { success: true },
    ],
    [
      'RudderStack gzip',
      () => ({
        path: '/v1/batch',
        auth: writeAuth(),
        encoding: 'gzip',
        body: { batch: [track()] },
      }),
      { success: true },
    ],
    [
      'PostHog token in the body on /i/v0/e/',
      () => ({ path: '/i/v0/e/', body: { token: key(), ...capture() } }),
      { status: 'Ok' },
    ],
    [
      'PostHog array on /e/ with properties.token',
      () => ({ path: '/e/', body: [{ ...capture(), properties: { token: key() } }] }),
      { status: 'Ok' },
    ],
  ])('%s', async (_what, make, answer) => {
    const res = await send(make());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...answer, accepted: 1, rejected: 0 });
  });

  it.each<[string, (bad: unknown) => Send, string]>([
    [
      'Segment',
      (bad) => ({ path: '/v1/batch', auth: writeAuth(), body: { batch: [track(), bad, track()] } }),
      'anonymousId',
    ],
    [
      'PostHog',
      (bad) => ({ path: '/batch/', body: { api_key: key(), batch: [capture(), bad, capture()] } }),
      'distinct_id',
    ],
  ])(
    '%s: a batch with one bad message is 200, that one rejected naming the field',
    async (_v, make, field) => {
      const res = await send(
        make({ event: 'Broken', type: 'track', messageId: 'bad-1', uuid: 'bad-1' }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accepted: 2, rejected: 1 });
      expect(res.body.results[1]).toMatchObject({
        index: 1,
        event_id: 'bad-1',
        status: 'rejected',
      });
      expect(JSON.stringify(res.body.results[1].errors)).toContain(field);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
        'accepted',
        'rejected',
        'accepted',
      ]);
    },
  );

  it('reports an identifier refused after mapping under the vendor field', async () => {
    const bad = { ...track(), context: { traits: { email: 'not-an-email' } } };
    const res = await send({
      path: '/v1/batch',
      auth: writeAuth(),
      body: { batch: [track(), bad] },
    });
    expect(res.status).toBe(200);
    expect(res.body.results[1].errors[0].path).toBe('context.traits.email');
    expect(res.text).not.toContain('not-an-email');
  });
});
