import { sql } from 'kysely';
import type { Db } from '../database';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { hashApiKey } from './api-key';
import {
  createApiKey,
  findApiKeyByHash,
  revokeApiKey,
  revokeSourceKeys,
} from './api-key.repository';
import { DEMO_SECRET_KEY_SCOPES, seedDemo } from './seed-demo';
import { createSource, findSourceById, listSources, updateSource } from './source.repository';
import { createTenant, findTenantById, findTenantByName } from './tenant.repository';

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterAll(async () => {
  await testDb.destroy();
});

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('tenants', () => {
  it('creates and finds a tenant by id and by name', async () => {
    const tenant = await createTenant(db, { name: 'Acme', dedupeWindowDays: 14 });
    expect(tenant).toEqual({
      tenantId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Acme',
      dedupeWindowDays: 14,
      junkIdentifierValues: [],
      identifierLimits: { external_id: 1 },
      createdAt: expect.any(Date),
    });
    expect(await findTenantById(db, tenant.tenantId)).toEqual(tenant);
    expect(await findTenantByName(db, 'Acme')).toEqual(tenant);
    await createTenant(db, { name: 'Acme' });
    expect((await findTenantByName(db, 'Acme'))?.tenantId).toBe(tenant.tenantId);
  });

  it('defaults the dedupe window to 7 days and refuses one out of range', async () => {
    expect((await createTenant(db, { name: 'Default window' })).dedupeWindowDays).toBe(7);
    await expect(createTenant(db, { name: 'Bad', dedupeWindowDays: 366 })).rejects.toMatchObject({
      code: '23514',
    });
  });

  it('answers undefined for unknown or malformed ids and names', async () => {
    expect(await findTenantById(db, MISSING)).toBeUndefined();
    expect(await findTenantById(db, 'not-a-uuid')).toBeUndefined();
    expect(await findTenantByName(db, 'Nobody')).toBeUndefined();
  });
});

describe('sources', () => {
  it('creates, lists, finds and updates sources within a tenant only', async () => {
    const t1 = await createTenant(db, { name: 'S1' });
    const t2 = await createTenant(db, { name: 'S2' });
    const created = await createSource(db, {
      tenantId: t1.tenantId,
      name: 'Web',
      defaultCountry: 'DE',
      rateLimitPerMinute: 600,
    });
    if (!created.ok) throw new Error('expected a source');
    const web = created.value;
    expect(web).toMatchObject({
      tenantId: t1.tenantId,
      name: 'Web',
      enabled: true,
      defaultCountry: 'DE',
      rateLimitPerMinute: 600,
    });
    const app = await createSource(db, { tenantId: t1.tenantId, name: 'App' });
    expect(app).toMatchObject({
      ok: true,
      value: { defaultCountry: null, rateLimitPerMinute: null },
    });
    expect(await createSource(db, { tenantId: t1.tenantId, name: 'Web' })).toEqual({
      ok: false,
      error: 'SOURCE_NAME_TAKEN',
    });
    expect((await createSource(db, { tenantId: t2.tenantId, name: 'Web' })).ok).toBe(true);

    expect((await listSources(db, t1.tenantId)).map((s) => s.name)).toEqual(['Web', 'App']);
    expect(await listSources(db, 'nope')).toEqual([]);
    expect(await findSourceById(db, t1.tenantId, web.sourceId)).toEqual(web);
    expect(await findSourceById(db, t2.tenantId, web.sourceId)).toBeUndefined();
    expect(await findSourceById(db, t1.tenantId, 'nope')).toBeUndefined();

    const updated = await updateSource(db, t1.tenantId, web.sourceId, {
      name: 'Website',
      enabled: false,
      defaultCountry: null,
      rateLimitPerMinute: 60,
    });
    expect(updated).toMatchObject({
      ok: true,
      value: { name: 'Website', enabled: false, defaultCountry: null, rateLimitPerMinute: 60 },
    });
    if (updated.ok)
      expect(updated.value.updatedAt.getTime()).toBeGreaterThanOrEqual(web.updatedAt.getTime());
    expect(await updateSource(db, t1.tenantId, web.sourceId, { name: 'App' })).toEqual({
      ok: false,
      error: 'SOURCE_NAME_TAKEN',
    });
    expect(await updateSource(db, t2.tenantId, web.sourceId, { enabled: true })).toEqual({
      ok: false,
      error: 'SOURCE_NOT_FOUND',
    });
    expect(await updateSource(db, t1.tenantId, 'x', {})).toEqual({
      ok: false,
      error: 'SOURCE_NOT_FOUND',
    });
    expect(await updateSource(db, t1.tenantId, web.sourceId, {})).toMatchObject({
      ok: true,
      value: { name: 'Website' },
    });
  });

  it('refuses a lower-case country and a rate limit of zero', async () => {
    const t = await createTenant(db, { name: 'Checks' });
    await expect(
      createSource(db, { tenantId: t.tenantId, name: 'a', defaultCountry: 'us' }),
    ).rejects.toMatchObject({
      code: '23514',
    });
    await expect(
      createSource(db, { tenantId: t.tenantId, name: 'b', rateLimitPerMinute: 0 }),
    ).rejects.toMatchObject({
      code: '23514',
    });
  });
});

describe('API keys', () => {
  it('stores only the hash, never the key, and finds a write key with its source', async () => {
    const t = await createTenant(db, { name: 'Keys' });
    const source = await createSource(db, {
      tenantId: t.tenantId,
      name: 'Web',
      defaultCountry: 'FR',
    });
    if (!source.ok) throw new Error('expected a source');
    const created = await createApiKey(db, {
      tenantId: t.tenantId,
      name: 'web write',
      scopes: ['events:write', 'events:write'],
      sourceId: source.value.sourceId,
    });
    expect(created.key).toMatch(/^cdp_wk_[A-Za-z0-9_-]{43}$/);
    expect(created.keyHint).toBe(created.key.slice(0, 11));
    expect(created.scopes).toEqual(['events:write']);

    const stored = await db
      .selectFrom('cdp_api_keys')
      .selectAll()
      .where('key_id', '=', created.keyId)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).toBe(hashApiKey(created.key));
    expect(stored.key_prefix).toBe('cdp_wk_');
    const { rows } = await sql<{ n: number }>`
      SELECT count(*) AS n FROM cdp_api_keys WHERE row_to_json(cdp_api_keys)::text LIKE ${`%${created.key.slice(7)}%`}
    `.execute(db);
    expect(rows[0]?.n).toBe(0);

    expect(await findApiKeyByHash(db, hashApiKey(created.key))).toEqual({
      tenantId: t.tenantId,
      keyId: created.keyId,
      sourceId: source.value.sourceId,
      scopes: ['events:write'],
      revokedAt: null,
      source: {
        enabled: true,
        defaultCountry: 'FR',
        rateLimitPerMinute: null,
        allowedOrigins: null,
      },
    });
    expect(await findApiKeyByHash(db, hashApiKey(created.key + 'x'))).toBeUndefined();
    expect(await findApiKeyByHash(db, 'garbage')).toBeUndefined();
  });

  it('creates secret keys without a source', async () => {
    const t = await createTenant(db, { name: 'Secret' });
    const created = await createApiKey(db, {
      tenantId: t.tenantId,
      name: 'reader',
      scopes: ['profiles:read'],
    });
    expect(created.key.startsWith('cdp_sk_')).toBe(true);
    expect(await findApiKeyByHash(db, hashApiKey(created.key))).toMatchObject({
      sourceId: null,
      scopes: ['profiles:read'],
      source: null,
    });
  });

  it.each([[[]], [['events:write', 'everything']]])('refuses scopes %p', async (scopes) => {
    const t = await createTenant(db, { name: 'Bad scopes' });
    await expect(
      createApiKey(db, { tenantId: t.tenantId, name: 'x', scopes: scopes as never }),
    ).rejects.toThrow(RangeError);
  });

  it('refuses a source of another tenant', async () => {
    const [t1, t2] = [
      await createTenant(db, { name: 'K1' }),
      await createTenant(db, { name: 'K2' }),
    ];
    const source = await createSource(db, { tenantId: t2.tenantId, name: 'Theirs' });
    if (!source.ok) throw new Error('expected a source');
    await expect(
      createApiKey(db, {
        tenantId: t1.tenantId,
        name: 'x',
        scopes: ['events:write'],
        sourceId: source.value.sourceId,
      }),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('revokes a key once, only in its tenant, and all keys of a source', async () => {
    const t = await createTenant(db, { name: 'Revoke' });
    const other = await createTenant(db, { name: 'Other' });
    const source = await createSource(db, { tenantId: t.tenantId, name: 'Web' });
    if (!source.ok) throw new Error('expected a source');
    const secret = await createApiKey(db, { tenantId: t.tenantId, name: 's', scopes: ['admin'] });

    expect(await revokeApiKey(db, other.tenantId, secret.keyId)).toBe(false);
    expect(await revokeApiKey(db, t.tenantId, 'not-a-uuid')).toBe(false);
    expect(await revokeApiKey(db, t.tenantId, secret.keyId)).toBe(true);
    expect(await revokeApiKey(db, t.tenantId, secret.keyId)).toBe(false);
    expect((await findApiKeyByHash(db, hashApiKey(secret.key)))?.revokedAt).toBeInstanceOf(Date);

    const sourceId = source.value.sourceId;
    const w1 = await createApiKey(db, {
      tenantId: t.tenantId,
      name: 'w1',
      scopes: ['events:write'],
      sourceId,
    });
    await createApiKey(db, {
      tenantId: t.tenantId,
      name: 'w2',
      scopes: ['events:write'],
      sourceId,
    });
    expect(await revokeSourceKeys(db, other.tenantId, sourceId)).toBe(0);
    expect(await revokeSourceKeys(db, t.tenantId, 'nope')).toBe(0);
    expect(await revokeSourceKeys(db, t.tenantId, sourceId)).toBe(2);
    expect(await revokeSourceKeys(db, t.tenantId, sourceId)).toBe(0);
    expect((await findApiKeyByHash(db, hashApiKey(w1.key)))?.revokedAt).toBeInstanceOf(Date);
    expect((await findApiKeyByHash(db, hashApiKey(secret.key)))?.keyId).toBe(secret.keyId);
  });
});

describe('seedDemo', () => {
  it('creates the demo tenant, its source and both keys', async () => {
    const seeded = await seedDemo(db);
    expect(seeded.tenant.name).toBe('Demo Company');
    expect(seeded.source).toMatchObject({
      name: 'Demo Website',
      defaultCountry: 'US',
      enabled: true,
    });
    expect(await findApiKeyByHash(db, hashApiKey(seeded.writeKey.key))).toMatchObject({
      tenantId: seeded.tenant.tenantId,
      sourceId: seeded.source.sourceId,
      scopes: ['events:write'],
      source: { enabled: true, defaultCountry: 'US' },
    });
    expect(seeded.secretKey.key.startsWith('cdp_sk_')).toBe(true);
    expect(await findApiKeyByHash(db, hashApiKey(seeded.secretKey.key))).toMatchObject({
      sourceId: null,
      scopes: [...DEMO_SECRET_KEY_SCOPES],
    });
    expect((await findTenantByName(db, 'Demo Company'))?.tenantId).toBe(seeded.tenant.tenantId);
  });

  it('runs inside a caller transaction and rolls back with it', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await seedDemo(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const demos = await db
      .selectFrom('cdp_tenants')
      .select('tenant_id')
      .where('name', '=', 'Demo Company')
      .execute();
    expect(demos).toHaveLength(1);
  });
});
