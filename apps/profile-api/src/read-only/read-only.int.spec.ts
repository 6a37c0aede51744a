import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createDb } from '@stratum/db';
import type { Db } from '@stratum/db';
import { sql } from 'kysely';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest, wireApp } from '../testing/app-under-test';
import { ingestEvents } from '../testing/seed';
import { bearerWithScopes, createTestSegment, planIs } from '../testing/segments';
import { asReadonly, readOnly } from './read-only-db';

const READ_ONLY_SQL_TRANSACTION = '25006';

let t: AppUnderTest;
let profileId: string;
let segmentId: string;
let segmentsAuth: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  [profileId] = (await ingestEvents(t.db, t.tenant.tenant.tenantId, [
    {
      eventId: 'ro-1',
      occurredAt: '2026-05-01T00:00:00Z',
      identifiers: [{ type: 'email', value: 'ro@example.com' }],
    },
  ])) as [string];
  const tenantId = t.tenant.tenant.tenantId;
  segmentId = await createTestSegment(t.db, tenantId, { name: 'Pro', definition: planIs('pro') });
  segmentsAuth = await bearerWithScopes(t.db, tenantId, ['segments:read']);
});

afterAll(async () => {
  await t.close();
});

const tenantCount = async () =>
  (
    await t.db
      .selectFrom('cdp_tenants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('read-only by construction', () => {
  it('refuses a write through the app’s own connection', async () => {
    const before = await tenantCount();
    await expect(
      t.appDb.insertInto('cdp_tenants').values({ name: 'Intruder' }).execute(),
    ).rejects.toMatchObject({
      code: READ_ONLY_SQL_TRANSACTION,
    });
    await expect(sql`CREATE TABLE intruder (id int)`.execute(t.appDb)).rejects.toMatchObject({
      code: READ_ONLY_SQL_TRANSACTION,
    });
    expect(await tenantCount()).toBe(before);
  });

  it('refuses a write inside readOnly() even on a read-write connection', async () => {
    const before = await tenantCount();
    await expect(
      readOnly(asReadonly(t.db), async (trx) => {
        // @ts-expect-error a read-only handle has no insertInto: writes do not compile
        await trx.insertInto('cdp_tenants').values({ name: 'Intruder' }).execute();
      }),
    ).rejects.toMatchObject({ code: READ_ONLY_SQL_TRANSACTION });
    expect(await tenantCount()).toBe(before);
  });

  it('reads in one repeatable-read snapshot', async () => {
    const settings = await readOnly(asReadonly(t.db), (trx) =>
      trx
        .selectNoFrom([
          sql<string>`current_setting('transaction_read_only')`.as('read_only'),
          sql<string>`current_setting('transaction_isolation')`.as('isolation'),
        ])
        .executeTakeFirstOrThrow(),
    );
    expect(settings).toEqual({ read_only: 'on', isolation: 'repeatable read' });
  });

  it('serves every endpoint through a role that may only SELECT', async () => {
    const role = `cdp_reader_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await sql`CREATE ROLE ${sql.id(role)} LOGIN PASSWORD ${sql.lit(password)}`.execute(t.db);
    await sql`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${sql.id(role)}`.execute(t.db);
    const url = new URL(t.database.url);
    url.username = role;
    url.password = password;
    let readerDb: Db | undefined;
    try {
      readerDb = createDb({ databaseUrl: url.toString(), readOnly: true });
      const { app, close } = wireApp(readerDb, t.log.logger);
      const get = (path: string) => request(app).get(path).set('Authorization', t.auth);
      await get(`/api/v1/cdp/profiles/${profileId}`).expect(200);
      await get(
        '/api/v1/cdp/profiles?identifier_type=email&identifier_value=ro@example.com',
      ).expect(200);
      await get(`/api/v1/cdp/profiles/${profileId}/events`).expect(200);
      await get(`/api/v1/cdp/profiles/${profileId}/consents`).expect(200);
      for (const route of ['members', 'changes']) {
        await request(app)
          .get(`/api/v1/cdp/segments/${segmentId}/${route}`)
          .set('Authorization', segmentsAuth)
          .expect(200);
      }
      await request(app).get('/readyz').expect(200);
      await close();
    } finally {
      await readerDb?.destroy();
      await sql`DROP OWNED BY ${sql.id(role)}`.execute(t.db);
      await sql`DROP ROLE ${sql.id(role)}`.execute(t.db);
    }
  });
});

describe('a database that cannot be reached', () => {
  it('answers 503 problem+json with Retry-After, quickly', async () => {
    const down = createDb({
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      readOnly: true,
      connectionTimeoutMs: 500,
    });
    const { app, close } = wireApp(down, t.log.logger);
    const started = Date.now();
    const res = await request(app)
      .get(`/api/v1/cdp/profiles/${profileId}`)
      .set('Authorization', t.auth);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.body)).not.toContain('127.0.0.1');
    expect(Date.now() - started).toBeLessThan(3000);
    await request(app).get('/readyz').expect(503);
    await close();
    await down.destroy();
  });
});
