import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createTestTenant } from '@stratum/db/testing';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { insertProfiles } from '../testing/export-fixtures';
import { hashOf, recordConsents } from '../testing/seed';
import { bearerWithScopes, createTestSegment, planIs } from '../testing/segments';

const ZOE = '10000000-0000-4000-8000-000000000001';
const BEA = '10000000-0000-4000-8000-000000000002';
const CAL = '10000000-0000-4000-8000-000000000003';
const CAL_MERGED = '10000000-0000-4000-8000-000000000004';
const THEIRS = '10000000-0000-4000-8000-000000000005';

const zoeEmail = hashOf({ type: 'email', value: 'zoe@example.com' });
const zoeCrm = hashOf({ type: 'external_id', value: 'crm-1' });
const beaEmail = hashOf({ type: 'email', value: 'bea@example.com' });
const calDevice = hashOf({ type: 'device_id', value: 'device-9' });

let t: AppUnderTest;
let server: Server;
let baseUrl: string;
let tenantId: string;
let proSegment: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  tenantId = t.tenant.tenant.tenantId;
  await insertProfiles(t.db, tenantId, [
    {
      id: ZOE,
      at: '2026-03-01T10:00:00.000Z',
      traits: { plan: 'pro', name: 'Zoë Ångström', note: 'says "hi", then\nleaves' },
      identifiers: [
        { type: 'external_id', value: 'crm-1', at: '2026-03-05T00:00:00.000Z' },
        { type: 'email', value: 'zoe@example.com' },
      ],
      eventCount: 3,
    },
    {
      id: BEA,
      at: '2026-03-02T10:00:00.000Z',
      traits: { plan: 'free', emoji: '🎉' },
      identifiers: [{ type: 'email', value: 'bea@example.com' }],
      eventCount: 1,
    },
    { id: CAL, at: '2026-03-03T10:00:00.000Z', traits: { plan: 'pro' } },
    {
      id: CAL_MERGED,
      at: '2026-03-04T10:00:00.000Z',
      identifiers: [{ type: 'device_id', value: 'device-9' }],
      mergedInto: CAL,
    },
  ]);
  await recordConsents(t.db, tenantId, [
    { profileId: BEA, purpose: 'marketing', status: 'granted', occurredAt: '2026-03-02T11:00:00Z' },
    { profileId: BEA, purpose: 'marketing', status: 'denied', occurredAt: '2026-03-02T12:00:00Z' },
    // Recorded on the id later merged into CAL: it is CAL's consent now.
    {
      profileId: CAL_MERGED,
      purpose: 'marketing',
      status: 'granted',
      occurredAt: '2026-03-04T11:00:00Z',
    },
    { profileId: CAL, purpose: 'analytics', status: 'denied', occurredAt: '2026-03-03T11:00:00Z' },
  ]);
  // The device id was moved to the survivor when the profiles merged.
  await sql`UPDATE cdp_profile_identifiers SET profile_id = ${CAL} WHERE profile_id = ${CAL_MERGED}`.execute(
    t.db,
  );
  const other = await createTestTenant(t.db);
  await insertProfiles(t.db, other.tenant.tenantId, [
    { id: THEIRS, at: '2026-03-01T00:00:00.000Z', traits: { plan: 'pro' } },
  ]);
  proSegment = await createTestSegment(t.db, tenantId, { name: 'Pro', definition: planIs('pro') });

  server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function exportProfiles(query: Record<string, string>, auth = t.auth) {
  const url = `${baseUrl}/api/v1/cdp/exports/profiles?${new URLSearchParams(query).toString()}`;
  const res = await fetch(url, { headers: { Authorization: auth } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const idsOf = (ndjson: string) =>
  ndjson
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { profile_id: string }).profile_id);

const ZOE_JSON =
  `{"profile_id":"${ZOE}","created_at":"2026-03-01T10:00:00.000Z","updated_at":"2026-03-01T10:00:00.000Z",` +
  `"first_seen_at":"2026-03-01T10:00:00.000Z","last_seen_at":"2026-03-02T10:00:00.000Z","event_count":3,` +
  `"traits":{"name":"Zoë Ångström","note":"says \\"hi\\", then\\nleaves","plan":"pro"},` +
  `"identifiers":["email:${zoeEmail}","external_id:${zoeCrm}"],"consents":{}}`;
const BEA_JSON =
  `{"profile_id":"${BEA}","created_at":"2026-03-02T10:00:00.000Z","updated_at":"2026-03-02T10:00:00.000Z",` +
  `"first_seen_at":"2026-03-02T10:00:00.000Z","last_seen_at":"2026-03-03T10:00:00.000Z","event_count":1,` +
  `"traits":{"plan":"free","emoji":"🎉"},"identifiers":["email:${beaEmail}"],"consents":{"marketing":"denied"}}`;
const CAL_JSON =
  `{"profile_id":"${CAL}","created_at":"2026-03-03T10:00:00.000Z","updated_at":"2026-03-03T10:00:00.000Z",` +
  `"first_seen_at":"2026-03-03T10:00:00.000Z","last_seen_at":"2026-03-04T10:00:00.000Z","event_count":0,` +
  `"traits":{"plan":"pro"},"identifiers":["device_id:${calDevice}"],` +
  `"consents":{"analytics":"denied","marketing":"granted"}}`;

describe('the formats', () => {
  it('writes CSV with a header, CRLF, RFC 4180 quoting and nested values as JSON text', async () => {
    const res = await exportProfiles({ format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      [
        'profile_id,created_at,updated_at,first_seen_at,last_seen_at,event_count,traits,identifiers,consents',
        `${ZOE},2026-03-01T10:00:00.000Z,2026-03-01T10:00:00.000Z,2026-03-01T10:00:00.000Z,2026-03-02T10:00:00.000Z,3,` +
          `"{""name"":""Zoë Ångström"",""note"":""says \\""hi\\"", then\\nleaves"",""plan"":""pro""}",` +
          `"[""email:${zoeEmail}"",""external_id:${zoeCrm}""]",{}`,
        `${BEA},2026-03-02T10:00:00.000Z,2026-03-02T10:00:00.000Z,2026-03-02T10:00:00.000Z,2026-03-03T10:00:00.000Z,1,` +
          `"{""plan"":""free"",""emoji"":""🎉""}","[""email:${beaEmail}""]","{""marketing"":""denied""}"`,
        `${CAL},2026-03-03T10:00:00.000Z,2026-03-03T10:00:00.000Z,2026-03-03T10:00:00.000Z,2026-03-04T10:00:00.000Z,0,` +
          `"{""plan"":""pro""}","[""device_id:${calDevice}""]","{""analytics"":""denied"",""marketing"":""granted""}"`,
        '',
      ].join('\r\n'),
    );
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="profiles-\d{8}T\d{6}Z\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('writes NDJSON: one object a line, as the CSV columns', async () => {
    const res = await exportProfiles({ format: 'ndjson' });
    expect(res.text).toBe(`${ZOE_JSON}\n${BEA_JSON}\n${CAL_JSON}\n`);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toMatch(/\.ndjson"$/);
  });

  it('writes JSON: one array, a row a line', async () => {
    const res = await exportProfiles({ format: 'json' });
    expect(res.text).toBe(`[\n${ZOE_JSON},\n${BEA_JSON},\n${CAL_JSON}\n]\n`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.text)).toHaveLength(3);
  });

  it.each([
    [
      'csv',
      'profile_id,created_at,updated_at,first_seen_at,last_seen_at,event_count,traits,identifiers,consents\r\n',
    ],
    ['ndjson', ''],
    ['json', '[\n]\n'],
  ])('writes an empty %s export when nothing matches', async (format, text) => {
    const res = await exportProfiles({ format, after: CAL });
    expect([res.status, res.text]).toEqual([200, text]);
  });
});

describe('the filters', () => {
  it('keeps one segment’s members with segment=', async () => {
    const res = await exportProfiles({ format: 'ndjson', segment: proSegment });
    expect(idsOf(res.text)).toEqual([ZOE, CAL]);
  });

  it('keeps only the profiles whose current consent for the purpose is granted', async () => {
    expect(idsOf((await exportProfiles({ format: 'ndjson', purpose: 'marketing' })).text)).toEqual([
      CAL,
    ]);
    expect(idsOf((await exportProfiles({ format: 'ndjson', purpose: 'analytics' })).text)).toEqual(
      [],
    );
  });

  it('combines segment= and purpose=', async () => {
    const res = await exportProfiles({
      format: 'ndjson',
      segment: proSegment,
      purpose: 'marketing',
    });
    expect(idsOf(res.text)).toEqual([CAL]);
  });

  it('resumes after a profile id, in profile id order', async () => {
    expect(idsOf((await exportProfiles({ format: 'ndjson', after: ZOE })).text)).toEqual([
      BEA,
      CAL,
    ]);
    const csv = await exportProfiles({ format: 'csv', after: BEA, segment: proSegment });
    expect(csv.text.split('\r\n').map((line) => line.slice(0, 36))).toEqual([
      'profile_id,created_at,updated_at,fir',
      CAL,
      '',
    ]);
  });
});

describe('access', () => {
  it('needs a key with profiles:read', async () => {
    expect((await exportProfiles({ format: 'csv' }, '')).status).toBe(401);
    const segmentsOnly = await bearerWithScopes(t.db, tenantId, ['segments:read']);
    const res = await exportProfiles({ format: 'csv' }, segmentsOnly);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({
      detail: 'This API key lacks the scope profiles:read',
    });
  });

  it('needs segments:read too to export a segment', async () => {
    const profilesOnly = await bearerWithScopes(t.db, tenantId, ['profiles:read']);
    expect((await exportProfiles({ format: 'csv' }, profilesOnly)).status).toBe(200);
    const refused = await exportProfiles({ format: 'csv', segment: proSegment }, profilesOnly);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({
      detail: 'This API key lacks the scope segments:read',
    });
    const both = await bearerWithScopes(t.db, tenantId, ['profiles:read', 'segments:read']);
    const res = await exportProfiles({ format: 'ndjson', segment: proSegment }, both);
    expect(idsOf(res.text)).toEqual([ZOE, CAL]);
  });

  it('never shows another tenant’s profiles, and answers their segment as unknown', async () => {
    const other = await createTestTenant(t.db);
    const theirAuth = `Bearer ${other.secretKey.key}`;
    expect((await exportProfiles({ format: 'ndjson' }, theirAuth)).text).toBe('');
    const theirs = await exportProfiles({ format: 'csv', segment: proSegment }, theirAuth);
    const unknown = await exportProfiles(
      { format: 'csv', segment: '00000000-0000-4000-8000-000000000000' },
      theirAuth,
    );
    expect([theirs.status, unknown.status]).toEqual([404, 404]);
    expect(theirs.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(theirs.text).detail).toBe(JSON.parse(unknown.text).detail);
  });

  it('answers a deleted segment as unknown', async () => {
    const gone = await createTestSegment(t.db, tenantId, { name: 'Gone', definition: planIs('x') });
    await t.db
      .updateTable('cdp_segments')
      .set({ deleted_at: new Date() })
      .where('segment_id', '=', gone)
      .execute();
    expect((await exportProfiles({ format: 'csv', segment: gone })).status).toBe(404);
  });
});

describe('bad queries', () => {
  it.each([
    [{}, 'format', 'is required'],
    [{ format: 'xml' }, 'format', 'must be one of csv, ndjson, json'],
    [{ format: 'csv', segment: 'pro' }, 'segment', 'must be a UUID'],
    [{ format: 'csv', purpose: 'spam' }, 'purpose', 'must be one of'],
    [{ format: 'csv', after: 'last' }, 'after', 'must be a UUID'],
    [{ format: 'csv', from: '2026-01-01T00:00:00Z' }, 'from', 'is not a parameter'],
  ])('answers %j with a 400 naming the field', async (query, path, message) => {
    const res = await exportProfiles(query);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = JSON.parse(res.text) as { errors: { path: string; message: string }[] };
    expect(body.errors).toEqual([{ path, message: expect.stringContaining(message) }]);
  });
});
