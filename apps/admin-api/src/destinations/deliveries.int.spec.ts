import request from 'supertest';
import { installJobQueue } from '@stratum/destinations/testing';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';

// A local receiver's URL, as the tests of the worker use: private targets allowed.
let t: AdminTestApp;
beforeAll(async () => {
  t = await createAdminTestApp({ destinationsAllowPrivate: true });
  await installJobQueue(t.testDb.url);
}, 60_000);
afterAll(() => t.close());

const BASE = '/api/v1/cdp/destinations';

async function destination(): Promise<string> {
  const res = await request(t.app)
    .post(BASE)
    .set('Authorization', t.secretAuth)
    .send({ name: 'Local', url: 'http://127.0.0.1:9/in' });
  expect(res.status).toBe(201);
  return res.body.destination_id as string;
}

const send = (method: 'get' | 'post' | 'patch', path: string) =>
  request(t.app)[method](`${BASE}/${path}`).set('Authorization', t.secretAuth);

async function markDead(ids: readonly string[]): Promise<void> {
  await t.testDb.db
    .updateTable('cdp_deliveries')
    .set({ status: 'dead', attempts: 9, last_status: 500, last_error: 'HTTP 500' })
    .where('delivery_id', 'in', ids)
    .execute();
}

describe('POST /destinations/{id}/test and the delivery log', () => {
  it('queues a destination.test delivery and lists it, newest first, page by page', async () => {
    const id = await destination();
    const first = await send('post', `${id}/test`);
    const second = await send('post', `${id}/test`);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({
      delivery_id: expect.any(String),
      destination_id: id,
      webhook_id: `msg_${(first.body.delivery_id as string).replace(/-/g, '')}`,
      type: 'destination.test',
      status: 'pending',
      attempts: 0,
      last_status: null,
      last_error: null,
      latency_ms: null,
      next_attempt_at: expect.any(String),
      last_attempt_at: null,
      created_at: expect.any(String),
      delivered_at: null,
    });
    const page = await send('get', `${id}/deliveries?limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.deliveries).toEqual([second.body]);
    const next = await send('get', `${id}/deliveries?limit=1&cursor=${page.body.next_cursor}`);
    expect(next.body).toEqual({ deliveries: [first.body], next_cursor: null });
    const dead = await send('get', `${id}/deliveries?status=dead`);
    expect(dead.body).toEqual({ deliveries: [], next_cursor: null });
  });

  it.each([
    ['cursor=zzz', 'cursor', 'is not a cursor of this list'],
    ['status=lost', 'status', 'must be one of'],
    ['limit=0', 'limit', 'must be an integer from 1 to 500'],
    ['since=1', 'since', 'is not a parameter of this endpoint'],
  ])('refuses ?%s with a 400 naming %s', async (query, path, message) => {
    const res = await send('get', `${await destination()}/deliveries?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });
});

describe('replay', () => {
  it('queues one delivery again, with a fresh schedule', async () => {
    const id = await destination();
    const delivery = (await send('post', `${id}/test`)).body.delivery_id as string;
    await markDead([delivery]);
    const res = await send('post', `${id}/deliveries/${delivery}/replay`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ delivery_id: delivery, status: 'pending', attempts: 0 });
    const unknown = await send(
      'post',
      `${id}/deliveries/00000000-0000-4000-8000-000000000000/replay`,
    );
    expect(unknown.status).toBe(404);
    const malformed = await send('post', `${id}/deliveries/nope/replay`);
    expect(malformed.body.errors).toEqual([{ path: 'delivery_id', message: 'must be a UUID' }]);
    const elsewhere = await send('post', `${await destination()}/deliveries/${delivery}/replay`);
    expect(elsewhere.status).toBe(404);
  });

  it('queues every dead delivery of the destination', async () => {
    const id = await destination();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await send('post', `${id}/test`)).body.delivery_id);
    await markDead(ids.slice(0, 2));
    const res = await send('post', `${id}/replay-dead`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ replayed: 2 });
    expect((await send('post', `${id}/replay-dead`)).body).toEqual({ replayed: 0 });
  });

  it('refuses test sends and replays to a disabled destination with 409', async () => {
    const id = await destination();
    const delivery = (await send('post', `${id}/test`)).body.delivery_id as string;
    await send('patch', id).send({ enabled: false });
    for (const res of [
      await send('post', `${id}/test`),
      await send('post', `${id}/deliveries/${delivery}/replay`),
      await send('post', `${id}/replay-dead`),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/disabled/);
    }
  });
});

describe('before the worker ever started', () => {
  it('answers a send with 503: the job queue is not installed', async () => {
    const bare = await createAdminTestApp({ destinationsAllowPrivate: true });
    try {
      const created = await request(bare.app)
        .post(BASE)
        .set('Authorization', bare.secretAuth)
        .send({ name: 'Early', url: 'http://127.0.0.1:9/in' });
      const res = await request(bare.app)
        .post(`${BASE}/${created.body.destination_id as string}/test`)
        .set('Authorization', bare.secretAuth);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.body.detail).toMatch(/start the worker/);
    } finally {
      await bare.close();
    }
  });
});
