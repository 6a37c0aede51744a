import { sql } from 'kysely';
import pg from 'pg';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { createDatabase, createDb, pingDb } from './create-db';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.destroy();
});

describe('createDb', () => {
  it('answers a ping', async () => {
    await expect(pingDb(testDb.db)).resolves.toBeUndefined();
  });

  it('exposes the pool with createDatabase', async () => {
    const { db, pool } = createDatabase({ databaseUrl: testDb.url, poolMax: 2 });
    try {
      await pingDb(db);
      expect(pool.options.max).toBe(2);
      expect(pool.totalCount).toBe(1);
      expect(pool.waitingCount).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('reads bigint as a number', async () => {
    const { rows } = await sql<{ big: unknown; n: unknown }>`
      SELECT 9007199254740991::bigint AS big, count(*) AS n FROM generate_series(1, 3)
    `.execute(testDb.db);
    expect(rows[0]).toEqual({ big: Number.MAX_SAFE_INTEGER, n: 3 });
  });

  it('streams a query in chunks, with the pool’s type parsers, and frees the connection on an early exit', async () => {
    const { db, pool } = createDatabase({ databaseUrl: testDb.url, poolMax: 1 });
    const series = db.selectFrom(
      sql<{ i: number }>`generate_series(1::bigint, 2500::bigint)`.as('i'),
    );
    try {
      const all = await db.transaction().execute(async (trx) => {
        const values: unknown[] = [];
        for await (const row of trx
          .selectFrom(series.selectAll().as('s'))
          .selectAll()
          .stream(1000)) {
          values.push(row.i);
        }
        return values;
      });
      expect(all).toEqual(Array.from({ length: 2500 }, (_, index) => index + 1));

      let last = 0;
      for await (const row of series.selectAll().stream(1000)) {
        last = row.i;
        if (last === 1500) break;
      }
      expect(last).toBe(1500);
      expect([pool.totalCount, pool.idleCount]).toEqual([1, 1]);
    } finally {
      await db.destroy();
    }
  });

  it('reads timestamps back as UTC instants whatever the session time zone', async () => {
    await sql`INSERT INTO cdp_tenants (name, created_at) VALUES ('tz', '2026-03-01T10:15:00+01:00')`.execute(
      testDb.db,
    );
    const { rows: zone } = await sql<{ TimeZone: string }>`SHOW timezone`.execute(testDb.db);
    expect(zone[0]?.TimeZone).toBe('UTC');
    await testDb.db.connection().execute(async (conn) => {
      await sql`SET TIME ZONE 'Asia/Tokyo'`.execute(conn);
      const row = await conn
        .selectFrom('cdp_tenants')
        .select('created_at')
        .where('name', '=', 'tz')
        .executeTakeFirstOrThrow();
      expect(row.created_at).toBeInstanceOf(Date);
      expect(row.created_at.toISOString()).toBe('2026-03-01T09:15:00.000Z');
      await sql`RESET TIME ZONE`.execute(conn);
    });
  });

  it('reads timestamptz values as pg itself does, in UTC and out of its common form', async () => {
    const texts = [
      '2026-11-25 08:08:21.123456+00',
      '2026-11-25 08:08:21.5+00',
      '2026-11-25 08:08:21+00',
      '0050-06-01 00:00:00+00',
      '0044-03-15 12:00:00+00 BC',
      'infinity',
      '-infinity',
    ];
    const query = sql<{ t: unknown }>`SELECT unnest(${texts}::timestamptz[]) AS t`;
    const { rows } = await query.execute(testDb.db);
    const plain = new pg.Client({ connectionString: testDb.url, options: '-c TimeZone=UTC' });
    await plain.connect();
    try {
      const expected = await plain.query<{ t: unknown }>(query.compile(testDb.db).sql, [texts]);
      expect(rows.map((r) => r.t)).toEqual(expected.rows.map((r) => r.t));
      expect((rows[0]!.t as Date).toISOString()).toBe('2026-11-25T08:08:21.123Z');
    } finally {
      await plain.end();
    }
  });

  it('refuses writes when read-only', async () => {
    const readOnly = createDb({ databaseUrl: testDb.url, readOnly: true, poolMax: 1 });
    try {
      await expect(
        readOnly.selectFrom('cdp_tenants').select('tenant_id').execute(),
      ).resolves.toBeDefined();
      await expect(
        readOnly.insertInto('cdp_tenants').values({ name: 'nope' }).execute(),
      ).rejects.toMatchObject({ code: '25006' });
      await expect(
        readOnly
          .transaction()
          .execute((trx) => trx.insertInto('cdp_tenants').values({ name: 'nope' }).execute()),
      ).rejects.toMatchObject({ code: '25006' });
    } finally {
      await readOnly.destroy();
    }
  });

  it('keeps options given in the URL next to its own', async () => {
    const url = new URL(testDb.url);
    url.searchParams.set('options', '-c work_mem=8MB');
    const db = createDb({ databaseUrl: url.toString(), readOnly: true, poolMax: 1 });
    try {
      const { rows } = await sql<{ work_mem: string; ro: string; tz: string }>`
        SELECT current_setting('work_mem') AS work_mem,
               current_setting('default_transaction_read_only') AS ro,
               current_setting('TimeZone') AS tz
      `.execute(db);
      expect(rows[0]).toEqual({ work_mem: '8MB', ro: 'on', tz: 'UTC' });
    } finally {
      await db.destroy();
    }
  });

  it('pins client_encoding to UTF8 on every connection, whatever the URL asks', async () => {
    const url = new URL(testDb.url);
    url.searchParams.set('client_encoding', 'LATIN1');
    url.searchParams.set('options', '-c client_encoding=LATIN1');
    const { db, pool } = createDatabase({ databaseUrl: url.toString(), poolMax: 2 });
    try {
      const clients = await Promise.all([pool.connect(), pool.connect()]);
      const encodings = await Promise.all(
        clients.map(async (client) => {
          const { rows } = await client.query<{ client_encoding: string }>('SHOW client_encoding');
          client.release();
          return rows[0]!.client_encoding;
        }),
      );
      expect(encodings).toEqual(['UTF8', 'UTF8']);
      // Both ways: text outside LATIN1 reaches the server and comes back intact.
      const { rows } = await sql<{ s: string; n: number }>`
        SELECT ${'𝄞✓'}::text AS s, length(${'𝄞✓'}::text) AS n`.execute(db);
      expect(rows[0]).toEqual({ s: '𝄞✓', n: 2 });
    } finally {
      await db.destroy();
    }
  });

  it('applies the statement timeout', async () => {
    const db = createDb({ databaseUrl: testDb.url, statementTimeoutMs: 100, poolMax: 1 });
    try {
      await expect(sql`SELECT pg_sleep(2)`.execute(db)).rejects.toMatchObject({ code: '57014' });
    } finally {
      await db.destroy();
    }
  });

  it('gives up connecting after the connection timeout', async () => {
    // A server that accepts TCP connections and never answers: like a hung database.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const db = createDb({
      databaseUrl: `postgres://postgres@127.0.0.1:${port}/none`,
      connectionTimeoutMs: 300,
    });
    const started = Date.now();
    try {
      await expect(pingDb(db)).rejects.toThrow(/timeout/i);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(2_000);
    } finally {
      await db.destroy();
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
