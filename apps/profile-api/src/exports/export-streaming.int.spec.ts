import { get } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { insertManyProfiles } from '../testing/export-fixtures';

// Large enough that holding the export in memory would show (about 130 MB of CSV), small
// enough to load in a few seconds.
const PROFILES = 200_000;
const TRAIT_BYTES = 500;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

let t: AppUnderTest;
let server: Server;
let exportUrl: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  await insertManyProfiles(t.db, t.tenant.tenant.tenantId, PROFILES, TRAIT_BYTES);
  server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  exportUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/cdp/exports/profiles`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

function startExport(query: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(`${exportUrl}?${query}`, { headers: { Authorization: t.auth } }, resolve).on(
      'error',
      reject,
    );
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether every connection of the app's pool is idle again, within `ms`. */
async function poolSettles(ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const pool = t.appPool;
    if (pool.totalCount > 0 && pool.idleCount === pool.totalCount && pool.waitingCount === 0) {
      return true;
    }
    await sleep(20);
  }
  return false;
}

describe('a large export', () => {
  it('streams every row with the heap flat, even while the client pauses', async () => {
    const baseline = heapAfterGc();
    const samples: number[] = [];
    const res = await startExport('format=csv');
    expect(res.statusCode).toBe(200);

    let bytes = 0;
    let lines = 0;
    let tail = '';
    let nextPause = 20_000_000;
    await new Promise<void>((resolve, reject) => {
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        const text = chunk.toString('latin1');
        for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
        tail = (tail + text).slice(-2 * TRAIT_BYTES);
        if (bytes >= nextPause) {
          // A slow reader: the server must wait for it, not buffer what it cannot send.
          nextPause += 30_000_000;
          res.pause();
          void sleep(300).then(() => {
            samples.push(heapAfterGc() - baseline);
            res.resume();
          });
        }
      });
      res.on('end', resolve);
      res.on('error', reject);
    });

    expect(lines).toBe(PROFILES + 1);
    expect(tail).toMatch(/\r\n00000000-0000-4000-8000-000000030d40,[^\n]+\r\n$/);
    expect(bytes).toBeGreaterThan(PROFILES * TRAIT_BYTES);
    expect(samples.length).toBeGreaterThanOrEqual(3);
    // Generous: the point is that it does not grow with the export (130 MB here).
    expect(Math.max(...samples)).toBeLessThan(32 * 1024 * 1024);
    expect(await poolSettles(5000)).toBe(true);
  }, 120_000);
});

describe('a client that goes away mid-export', () => {
  it('ends the cursor and the transaction and gives the connection back', async () => {
    const res = await startExport('format=ndjson');
    expect(res.statusCode).toBe(200);
    await new Promise((resolve) => res.once('data', resolve));
    res.destroy();

    expect(await poolSettles(5000)).toBe(true);
    const sessions = await sql<{ state: string }>`
      SELECT state FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'profile-api-test'
    `.execute(t.db);
    expect(sessions.rows.map((s) => s.state)).toEqual(sessions.rows.map(() => 'idle'));
    const logged = await t.log.waitFor(
      (line) => line.message === 'request' && line.aborted === true,
    );
    expect(logged).toMatchObject({ route: '/api/v1/cdp/exports/profiles', status: 200 });
  });
});
