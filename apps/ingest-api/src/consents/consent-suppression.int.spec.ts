import { sha256Hex } from '@stratum/identity';
import request from 'supertest';
import { createIngestTestApp } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
let tenantId: string;
const QUIET_HASH = sha256Hex('quiet@example.com');

beforeAll(async () => {
  t = await createIngestTestApp();
  tenantId = t.tenant.tenant.tenantId;
});
afterAll(() => t.close());

// What a suppress and an unsuppress request leave behind (the admin API's tests drive them).
const suppress = () =>
  t.testDb.db
    .insertInto('cdp_suppressions')
    .values({ tenant_id: tenantId, identifier_type: 'email', identifier_hash: QUIET_HASH })
    .execute();
const unsuppress = () =>
  t.testDb.db
    .deleteFrom('cdp_suppressions')
    .where('tenant_id', '=', tenantId)
    .where('identifier_hash', '=', QUIET_HASH)
    .execute();

const body = {
  identifiers: [
    { type: 'email', value: ' Quiet@Example.com ' },
    { type: 'phone', value: '+14155550122' },
  ],
  consents: [{ purpose: 'marketing', status: 'granted', timestamp: '2026-11-24T10:00:00Z' }],
  source: 'cookie-banner',
};
const send = () =>
  request(t.app).post('/api/v1/cdp/consents').set('Authorization', t.secretAuth).send(body);

async function held(): Promise<Record<string, number>> {
  const count = async (
    table: 'cdp_profiles' | 'cdp_profile_identifiers' | 'cdp_consents' | 'cdp_changes',
  ) =>
    Number(
      (
        await t.testDb.db
          .selectFrom(table)
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    profiles: await count('cdp_profiles'),
    identifiers: await count('cdp_profile_identifiers'),
    consents: await count('cdp_consents'),
    changes: await count('cdp_changes'),
  };
}

describe('POST /api/v1/cdp/consents with a suppressed identifier', () => {
  it('stores nothing and says so; after unsuppress the same request is stored', async () => {
    await suppress();
    const before = await held();
    const res = await send().expect(200);
    expect(res.body).toEqual({ status: 'suppressed', profile_id: null, consents: [] });
    // No profile, no identifier link (not even the phone's), no consent, no change.
    expect(await held()).toEqual(before);
    expect(before).toEqual({ profiles: 0, identifiers: 0, consents: 0, changes: 0 });

    const metrics = await t.metrics.registry.metrics();
    expect(metrics).toMatch(/cdp_consents_total\{status="suppressed"\} 1\b/);
    expect(metrics).toMatch(/cdp_consents_total\{status="accepted"\} 0\b/);

    await unsuppress();
    const stored = await send().expect(201);
    expect(stored.body).toMatchObject({
      status: 'accepted',
      profile_id: expect.any(String),
      consents: [expect.objectContaining({ purpose: 'marketing', status: 'granted' })],
    });
    const after = await held();
    expect(after).toMatchObject({ profiles: 1, identifiers: 2, consents: 1 });
    expect(after.changes).toBeGreaterThan(0);
    expect(await t.metrics.registry.metrics()).toMatch(
      /cdp_consents_total\{status="accepted"\} 1\b/,
    );
  });

  it('leaves a profile that already holds the identifier untouched', async () => {
    const accepted = await send().expect(201);
    await suppress();
    const before = await held();
    const res = await send().expect(200);
    expect(res.body.status).toBe('suppressed');
    expect(await held()).toEqual(before);
    const history = await t.testDb.db
      .selectFrom('cdp_consents')
      .select('consent_id')
      .where('profile_id', '=', accepted.body.profile_id as string)
      .execute();
    expect(history).toHaveLength(2); // both from before the suppression
    await unsuppress();
  });

  it('logs no raw identifier', () => {
    expect(JSON.stringify(t.logs.lines())).not.toMatch(/quiet@example|4155550122/i);
  });
});
