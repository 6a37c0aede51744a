import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createIngestTestApp } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
let server: Server;
let url: string;

beforeAll(async () => {
  t = await createIngestTestApp();
  server = t.app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/cdp/events`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const CLIENTS = 16;
const BATCHES = 200;
const EVENTS_PER_BATCH = 10;

/** Batches whose identifiers come from a small universe, so they overlap and merge heavily. */
function makeBatches(): unknown[][] {
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  return Array.from({ length: BATCHES }, (_, b) =>
    Array.from({ length: EVENTS_PER_BATCH }, (_, e) => ({
      event_id: `c-${b}-${e}`,
      type: 'identify',
      identifiers: [
        { type: 'email', value: `user${random(40)}@example.com` },
        { type: 'phone', value: `+1415555${String(1000 + random(40))}` },
        { type: 'anonymous_id', value: `anon-${random(60)}` },
      ],
      traits: { batch: b },
    })),
  );
}

async function sendAll(
  batches: unknown[][],
): Promise<{ status: number; body: { accepted: number; duplicates: number } }[]> {
  const queue = batches.map((events, i) => ({ events, i }));
  const results: { status: number; body: { accepted: number; duplicates: number } }[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { Authorization: t.writeAuth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ events: job.events }),
        });
        results[job.i] = {
          status: res.status,
          body: (await res.json()) as { accepted: number; duplicates: number },
        };
      }
    }),
  );
  return results;
}

describe('concurrent ingestion with overlapping identifiers', () => {
  it('16 clients, 200 batches: no 5xx, one profile per identifier, every event stored once; retries store nothing', async () => {
    const batches = makeBatches();
    const first = await sendAll(batches);
    expect(first.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const accepted = first.reduce((n, r) => n + r.body.accepted, 0);
    expect(accepted).toBe(BATCHES * EVENTS_PER_BATCH);

    const count = async () => {
      const { rows } = await sql<{ events: number; distinct_ids: number }>`
        SELECT count(*)::int AS events, count(DISTINCT event_id)::int AS distinct_ids
        FROM cdp_events WHERE event_id LIKE 'c-%'`.execute(t.testDb.db);
      return rows[0]!;
    };
    expect(await count()).toEqual({ events: accepted, distinct_ids: accepted });

    const { rows: stale } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cdp_profile_identifiers i
      JOIN cdp_profiles p USING (tenant_id, profile_id) WHERE p.merged_into IS NOT NULL`.execute(
      t.testDb.db,
    );
    expect(stale[0]!.n).toBe(0);
    const { rows: counts } = await sql<{ total: number }>`
      SELECT coalesce(sum(event_count), 0)::int AS total FROM cdp_profiles WHERE merged_into IS NULL`.execute(
      t.testDb.db,
    );
    expect(counts[0]!.total).toBe(accepted);

    const retry = await sendAll(batches);
    expect(
      retry.every(
        (r) => r.status === 200 && r.body.accepted === 0 && r.body.duplicates === EVENTS_PER_BATCH,
      ),
    ).toBe(true);
    expect(await count()).toEqual({ events: accepted, distinct_ids: accepted });
  }, 120_000);
});
