import type { Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createSegment, deleteSegment } from '@stratum/segments';
import { verifyWebhook, webhookHeaders } from '@stratum/webhooks';
import {
  createDestination,
  deleteDestination,
  findDestination,
  listDestinations,
  updateDestination,
} from './destination.repository';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
}, 60_000);
afterAll(() => database.destroy());

const tenant = async () => (await createTestTenant(db)).tenant.tenantId;
const URL = 'https://hooks.example.com/in';

async function created(tenantId: string, input: Parameters<typeof createDestination>[2]) {
  const result = await createDestination(db, tenantId, input);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('createDestination', () => {
  it('stores the filters and returns a whsec_ secret that signs verifiable deliveries', async () => {
    const tenantId = await tenant();
    const { destination, secret } = await created(tenantId, {
      name: 'CRM',
      url: URL,
      events: { names: ['Order Completed'] },
      profileUpdates: true,
      consentPurpose: 'marketing',
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(destination).toMatchObject({
      tenantId,
      name: 'CRM',
      url: URL,
      events: {
        types: ['track', 'identify', 'page', 'screen', 'alias'],
        names: ['Order Completed'],
      },
      segmentIds: [],
      profileUpdates: true,
      consentPurpose: 'marketing',
      enabled: true,
      disabledReason: null,
    });
    expect(Object.keys(destination)).not.toContain('secret');
    const message = { id: 'msg_1', timestamp: Math.floor(Date.now() / 1000), body: '{}' };
    expect(verifyWebhook(secret, webhookHeaders([secret], message), '{}')).toEqual({ ok: true });
  });

  it('sends nothing by default, and a new secret each time', async () => {
    const tenantId = await tenant();
    const a = await created(tenantId, { name: 'A', url: URL });
    const b = await created(tenantId, { name: 'A', url: URL });
    expect(a.destination).toMatchObject({ events: null, segmentIds: [], profileUpdates: false });
    expect(a.secret).not.toBe(b.secret);
  });

  it('names the listed segments that are unknown, deleted or another tenant’s', async () => {
    const [tenantId, other] = [await tenant(), await tenant()];
    const live = await createSegment(db, tenantId, {
      name: 'L',
      definition: { trait: 'x', op: 'exists' },
    });
    const gone = await createSegment(db, tenantId, {
      name: 'G',
      definition: { trait: 'x', op: 'exists' },
    });
    const foreign = await createSegment(db, other, {
      name: 'F',
      definition: { trait: 'x', op: 'exists' },
    });
    if (!live.ok || !gone.ok || !foreign.ok) throw new Error('segments');
    await deleteSegment(db, tenantId, gone.value.segmentId);
    const ids = [live.value.segmentId.toUpperCase(), gone.value.segmentId, foreign.value.segmentId];
    expect(await createDestination(db, tenantId, { name: 'S', url: URL, segmentIds: ids })).toEqual(
      { ok: false, error: 'SEGMENT_NOT_FOUND', indexes: [1, 2] },
    );
    const ok = await created(tenantId, { name: 'S', url: URL, segmentIds: [live.value.segmentId] });
    expect(ok.destination.segmentIds).toEqual([live.value.segmentId]);
  });
});

describe('reading, changing and deleting', () => {
  it('lists live destinations oldest first, one tenant at a time', async () => {
    const [tenantId, other] = [await tenant(), await tenant()];
    const first = await created(tenantId, { name: 'One', url: URL });
    const second = await created(tenantId, { name: 'Two', url: URL });
    await created(other, { name: 'Theirs', url: URL });
    const ids = (await listDestinations(db, tenantId)).map((d) => d.destinationId);
    expect(ids).toEqual([first.destination.destinationId, second.destination.destinationId]);
    expect(await findDestination(db, other, first.destination.destinationId)).toBeUndefined();
  });

  it('changes only what is given; null turns a filter off; enabling clears the reason', async () => {
    const tenantId = await tenant();
    const { destination } = await created(tenantId, {
      name: 'D',
      url: URL,
      events: { types: ['track'] },
      consentPurpose: 'analytics',
    });
    const id = destination.destinationId;
    await db
      .updateTable('cdp_destinations')
      .set({ enabled: false, disabled_reason: 'gone' })
      .where('destination_id', '=', id)
      .execute();
    const renamed = await updateDestination(db, tenantId, id, { name: 'E', events: null });
    expect(renamed).toMatchObject({
      ok: true,
      value: {
        name: 'E',
        events: null,
        consentPurpose: 'analytics',
        enabled: false,
        disabledReason: 'gone',
      },
    });
    const enabled = await updateDestination(db, tenantId, id, {
      enabled: true,
      consentPurpose: null,
      events: { types: ['page'], names: ['Home'] },
    });
    expect(enabled).toMatchObject({
      ok: true,
      value: {
        enabled: true,
        disabledReason: null,
        consentPurpose: null,
        events: { types: ['page'], names: ['Home'] },
      },
    });
    if (!enabled.ok) return;
    expect(enabled.value.updatedAt.getTime()).toBeGreaterThanOrEqual(
      destination.updatedAt.getTime(),
    );
  });

  it('refuses changes to unknown segments, and to another tenant’s or a deleted destination', async () => {
    const [tenantId, other] = [await tenant(), await tenant()];
    const { destination } = await created(tenantId, { name: 'D', url: URL });
    const id = destination.destinationId;
    expect(
      await updateDestination(db, tenantId, id, {
        segmentIds: ['00000000-0000-0000-0000-000000000000'],
      }),
    ).toEqual({ ok: false, error: 'SEGMENT_NOT_FOUND', indexes: [0] });
    expect(await updateDestination(db, other, id, { name: 'X' })).toEqual({
      ok: false,
      error: 'DESTINATION_NOT_FOUND',
    });
    expect(await deleteDestination(db, other, id)).toBe(false);
    expect(await deleteDestination(db, tenantId, id)).toBe(true);
    expect(await deleteDestination(db, tenantId, id)).toBe(false);
    expect(await findDestination(db, tenantId, id)).toBeUndefined();
    expect(await listDestinations(db, tenantId)).toEqual([]);
    expect(await updateDestination(db, tenantId, id, { name: 'X' })).toMatchObject({ ok: false });
  });
});
