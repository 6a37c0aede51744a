import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
// The docs checker is a tool, not a library; only the docs tests reach for it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractCurlExamples, runCurlExample } from '../../../../tools/src/docs/curl-examples';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CurlResult } from '../../../../tools/src/docs/curl-examples';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { createIngestApp, trackEvent } from '../testing/ingest-app';
import type { IngestUnderTest } from '../testing/ingest-app';

const API_MD = path.join(__dirname, '..', '..', '..', '..', 'docs', 'API.md');

let t: AdminTestApp;
let ingest: IngestUnderTest;
const servers: Server[] = [];
const results: CurlResult[] = [];
let survivor: string;
let restored: string;

async function listen(app: Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const send = async (identifiers: object[]): Promise<string> => {
  const res = await request(ingest.app)
    .post('/api/v1/cdp/events')
    .set('Authorization', t.writeAuth)
    .send(trackEvent({ identifiers }))
    .expect(200);
  return (res.body as { results: { profile_id: string }[] }).results[0]!.profile_id;
};

// The section as a reader runs it: Ann and Bob merged by one event carrying both, one more
// event of Bob's after that, then the examples in order.
beforeAll(async () => {
  t = await createAdminTestApp();
  ingest = createIngestApp(t.testDb.db);
  const ann = { type: 'email', value: 'ann@example.com' };
  const bob = { type: 'phone', value: '+14155550177' };
  survivor = await send([ann]);
  restored = await send([bob]);
  await send([ann, bob]);
  await send([bob]);
  const merge = await t.testDb.db
    .selectFrom('cdp_profile_merges')
    .select('merge_id')
    .where('merged_profile_id', '=', restored)
    .executeTakeFirstOrThrow();
  const variables: Record<string, string> = {
    ADMIN_URL: await listen(t.app),
    INGEST_URL: await listen(ingest.app),
    SECRET_KEY: t.tenant.secretKey.key,
    WRITE_KEY: t.tenant.writeKey.key,
    PROFILE_ID: survivor,
    MERGE_ID: merge.merge_id,
  };
  const examples = extractCurlExamples(readFileSync(API_MD, 'utf8')).filter(
    (e) => e.section === 'Splitting a merge',
  );
  for (const example of examples) results.push(await runCurlExample(example, variables));
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await ingest.close();
  await t.close();
});

describe('docs/API.md, Splitting a merge section', () => {
  it('runs the split, the protected event and the errors', () => {
    expect(results.map((r) => `${r.request.method} ${r.status}`)).toEqual([
      'POST 200',
      'POST 200',
      'POST 404',
      'POST 400',
    ]);
    expect(results.every((r) => r.status === r.expectedStatus)).toBe(true);
  });

  it('answers the split as shown', () => {
    expect(results[0]!.body).toEqual({
      profile_id: survivor,
      restored_profile_id: restored,
      identifiers_moved: 1,
      events_moved: 1,
    });
  });

  it('stores the event carrying both on Ann, with the warning shown', () => {
    expect(results[1]!.body).toMatchObject({
      accepted: 1,
      results: [
        {
          event_id: 'split-3',
          status: 'accepted',
          profile_id: survivor,
          warnings: [
            {
              path: 'identifiers.1',
              message: 'belongs to another profile; merge refused: a split keeps them apart',
            },
          ],
        },
      ],
    });
  });

  it('names the field of the bad merge id', () => {
    expect(results[3]!.body).toMatchObject({
      status: 400,
      errors: [{ path: 'merge_id', message: 'must be a UUID' }],
    });
  });
});
