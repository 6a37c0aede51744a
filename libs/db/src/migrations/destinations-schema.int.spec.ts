import { sql } from 'kysely';
import type { Db } from '../database';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';

let testDb: TestDatabase;
let db: Db;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  tenantId = (
    await db
      .insertInto('cdp_tenants')
      .values({ name: 'destinations' })
      .returning('tenant_id')
      .executeTakeFirstOrThrow()
  ).tenant_id;
});
afterAll(() => testDb.destroy());

const destination = (override: Record<string, unknown> = {}) =>
  db
    .insertInto('cdp_destinations')
    .values({
      tenant_id: tenantId,
      name: 'D',
      url: 'https://hooks.example.com/in',
      secret: 'whsec_c2VjcmV0',
      ...override,
    })
    .returning('destination_id')
    .executeTakeFirstOrThrow();

const delivery = (destinationId: string, override: Record<string, unknown> = {}) =>
  db
    .insertInto('cdp_deliveries')
    .values({
      tenant_id: tenantId,
      destination_id: destinationId,
      change_id: 1,
      subject_id: 'e1',
      type: 'event.received',
      body: '{}',
      ...override,
    })
    .returning(['delivery_id', 'status', 'attempts'])
    .executeTakeFirstOrThrow();

describe('cdp_destinations', () => {
  it('defaults to enabled, sending nothing', async () => {
    const { destination_id } = await destination();
    const row = await db
      .selectFrom('cdp_destinations')
      .selectAll()
      .where('destination_id', '=', destination_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      enabled: true,
      profile_updates: false,
      event_types: null,
      segment_ids: null,
      deleted_at: null,
    });
  });

  it.each([
    ['a secret without the whsec_ prefix', { secret: 'c2VjcmV0' }],
    ['a URL of another scheme', { url: 'ftp://hooks.example.com/' }],
    ['an unknown event type', { event_types: ['click'] }],
    ['an unknown consent purpose', { consent_purpose: 'spam' }],
    ['an empty name', { name: '' }],
  ])('refuses %s', async (_label, override) => {
    await expect(destination(override)).rejects.toMatchObject({ code: '23514' });
  });
});

describe('cdp_deliveries', () => {
  it('starts pending with no attempt, and keeps one delivery per change, type and subject', async () => {
    const { destination_id } = await destination();
    expect(await delivery(destination_id)).toMatchObject({ status: 'pending', attempts: 0 });
    await expect(delivery(destination_id)).rejects.toMatchObject({
      code: '23505',
      constraint: 'cdp_deliveries_change_key',
    });
    await delivery(destination_id, { subject_id: 'e2' });
    // Test sends have no change: any number of them.
    await delivery(destination_id, { change_id: null, subject_id: null, type: 'destination.test' });
    await delivery(destination_id, { change_id: null, subject_id: null, type: 'destination.test' });
  });

  it.each([
    ['an unknown status', { status: 'sent' }],
    ['negative attempts', { attempts: -1 }],
  ])('refuses %s', async (_label, override) => {
    const { destination_id } = await destination();
    await expect(delivery(destination_id, override)).rejects.toMatchObject({ code: '23514' });
  });

  it('refuses a delivery to an unknown destination', async () => {
    await expect(
      delivery('00000000-0000-4000-8000-000000000000', { subject_id: 'x' }),
    ).rejects.toMatchObject({ code: '23503' });
  });
});

describe('cdp_changes', () => {
  it('takes segment entries and exits', async () => {
    for (const kind of ['segment.entered', 'segment.exited']) {
      await sql`INSERT INTO cdp_changes (tenant_id, kind, profile_id, data)
        VALUES (${tenantId}, ${kind}, gen_random_uuid(), '{"segment_id":"s","version":1}')`.execute(
        db,
      );
    }
    await expect(
      sql`INSERT INTO cdp_changes (tenant_id, kind) VALUES (${tenantId}, 'segment.moved')`.execute(
        db,
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
