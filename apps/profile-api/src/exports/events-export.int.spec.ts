import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeEventCursor } from '@stratum/schemas';
import { createTestTenant } from '@stratum/db/testing';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { insertEvents, insertProfiles } from '../testing/export-fixtures';
import { hashOf } from '../testing/seed';
import { bearerWithScopes } from '../testing/segments';

const ANA = '20000000-0000-4000-8000-000000000001';
const ANA_OLD = '20000000-0000-4000-8000-000000000002';
const BEN = '20000000-0000-4000-8000-000000000003';
const THEIRS = '20000000-0000-4000-8000-000000000004';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const ana = hashOf({ type: 'email', value: 'ana@example.com' });
const ben = hashOf({ type: 'email', value: 'ben@example.com' });

let t: AppUnderTest;
let server: Server;
let baseUrl: string;
let sourceId: string;
let theirAuth: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  const tenantId = t.tenant.tenant.tenantId;
  sourceId = t.tenant.source.sourceId;
  await insertProfiles(t.db, tenantId, [
    { id: ANA, at: '2026-03-01T00:00:00.000Z' },
    { id: BEN, at: '2026-03-01T00:00:00.000Z' },
    { id: ANA_OLD, at: '2026-03-02T00:00:00.000Z', mergedInto: ANA },
  ]);
  await insertEvents(t.db, tenantId, [
    {
      id: 'evt-b',
      at: '2026-04-01T09:00:00.000Z',
      profileId: ANA,
      name: 'Café ☕ "special", ok',
      sourceId,
      identifiers: [{ type: 'email', value: 'ana@example.com' }],
      properties: { price: 9.5, note: 'a,b' },
    },
    // Same time as evt-b: the event id orders them.
    {
      id: 'evt-a',
      at: '2026-04-01T09:00:00.000Z',
      profileId: BEN,
      name: '=HYPERLINK("http://evil")',
      identifiers: [{ type: 'email', value: 'ben@example.com' }],
    },
    // Written to the id later merged into ANA; a time with microseconds.
    {
      id: '-5 sneaky',
      at: '2026-04-01T10:00:00.123456Z',
      profileId: ANA_OLD,
      type: 'identify',
      traits: { plan: 'pro' },
    },
    { id: 'evt-late', at: '2026-04-02T00:00:00.000Z', profileId: BEN, type: 'page', name: 'Home' },
  ]);
  const other = await createTestTenant(t.db);
  theirAuth = `Bearer ${other.secretKey.key}`;
  await insertProfiles(t.db, other.tenant.tenantId, [{ id: THEIRS, at: '2026-03-01T00:00:00Z' }]);
  await insertEvents(t.db, other.tenant.tenantId, [
    { id: 'evt-theirs', at: '2026-04-01T09:30:00.000Z', profileId: THEIRS },
  ]);

  server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function exportEvents(query: Record<string, string>, auth = t.auth) {
  const url = `${baseUrl}/api/v1/cdp/exports/events?${new URLSearchParams(query).toString()}`;
  const res = await fetch(url, { headers: { Authorization: auth } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

interface ExportedEvent {
  event_id: string;
  timestamp: string;
}

const rowsOf = (ndjson: string) =>
  ndjson
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportedEvent);

const idsOf = (ndjson: string) => rowsOf(ndjson).map((row) => row.event_id);

const ALL = ['evt-a', 'evt-b', '-5 sneaky', 'evt-late'];
const RECEIVED = '2026-04-03T00:00:00.000Z';

describe('the formats', () => {
  it('writes CSV by time then event id, with the formula guard, quoting and unicode', async () => {
    const res = await exportEvents({ format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      [
        'event_id,type,name,timestamp,received_at,source_id,profile_id,identifiers,traits,properties,context',
        `evt-a,track,"'=HYPERLINK(""http://evil"")",2026-04-01T09:00:00.000Z,${RECEIVED},,${BEN},` +
          `"[{""type"":""email"",""hash"":""${ben}""}]",,{},{}`,
        `evt-b,track,"Café ☕ ""special"", ok",2026-04-01T09:00:00.000Z,${RECEIVED},${sourceId},${ANA},` +
          `"[{""type"":""email"",""hash"":""${ana}""}]",,"{""note"":""a,b"",""price"":9.5}",{}`,
        `'-5 sneaky,identify,,2026-04-01T10:00:00.123456Z,${RECEIVED},,${ANA_OLD},[],"{""plan"":""pro""}",{},{}`,
        `evt-late,page,Home,2026-04-02T00:00:00.000Z,${RECEIVED},,${BEN},[],,{},{}`,
        '',
      ].join('\r\n'),
    );
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="events-\d{8}T\d{6}Z\.csv"$/,
    );
  });

  it('writes NDJSON as the profile events API shows events, times exact', async () => {
    const res = await exportEvents({ format: 'ndjson' });
    expect(res.text.split('\n')).toEqual([
      `{"event_id":"evt-a","type":"track","name":"=HYPERLINK(\\"http://evil\\")","timestamp":"2026-04-01T09:00:00.000Z",` +
        `"received_at":"${RECEIVED}","source_id":null,"profile_id":"${BEN}",` +
        `"identifiers":[{"type":"email","hash":"${ben}"}],"traits":null,"properties":{},"context":{}}`,
      `{"event_id":"evt-b","type":"track","name":"Café ☕ \\"special\\", ok","timestamp":"2026-04-01T09:00:00.000Z",` +
        `"received_at":"${RECEIVED}","source_id":"${sourceId}","profile_id":"${ANA}",` +
        `"identifiers":[{"type":"email","hash":"${ana}"}],"traits":null,"properties":{"note":"a,b","price":9.5},"context":{}}`,
      `{"event_id":"-5 sneaky","type":"identify","name":null,"timestamp":"2026-04-01T10:00:00.123456Z",` +
        `"received_at":"${RECEIVED}","source_id":null,"profile_id":"${ANA_OLD}",` +
        `"identifiers":[],"traits":{"plan":"pro"},"properties":{},"context":{}}`,
      `{"event_id":"evt-late","type":"page","name":"Home","timestamp":"2026-04-02T00:00:00.000Z",` +
        `"received_at":"${RECEIVED}","source_id":null,"profile_id":"${BEN}",` +
        `"identifiers":[],"traits":null,"properties":{},"context":{}}`,
      '',
    ]);
  });

  it('writes one JSON array of the same objects', async () => {
    const [json, ndjson] = await Promise.all([
      exportEvents({ format: 'json' }),
      exportEvents({ format: 'ndjson' }),
    ]);
    expect(json.text).toBe(`[\n${ndjson.text.trimEnd().split('\n').join(',\n')}\n]\n`);
  });
});

describe('the filters', () => {
  it.each([
    [{ from: '2026-04-01T09:30:00Z' }, ['-5 sneaky', 'evt-late']],
    [{ to: '2026-04-02T00:00:00Z' }, ['evt-a', 'evt-b', '-5 sneaky']],
    [{ from: '2026-04-01T11:00:00+02:00', to: '2026-04-01T10:00:00.123456Z' }, ['evt-a', 'evt-b']],
    [{ from: '2026-04-01T10:00:00.123456Z', to: '2026-04-01T10:00:00.123457Z' }, ['-5 sneaky']],
    [{ from: '2026-04-02T00:00:00Z', to: '2026-04-02T00:00:00Z' }, []],
  ])('keeps %j, to exclusive', async (range, expected) => {
    expect(idsOf((await exportEvents({ format: 'ndjson', ...range })).text)).toEqual(expected);
  });

  it('keeps one profile’s events across the ids merged into it, by either id', async () => {
    for (const id of [ANA, ANA_OLD]) {
      const res = await exportEvents({ format: 'ndjson', profile_id: id });
      expect(idsOf(res.text)).toEqual(['evt-b', '-5 sneaky']);
    }
    const ben = await exportEvents({
      format: 'ndjson',
      profile_id: BEN,
      from: '2026-04-01T12:00:00Z',
    });
    expect(idsOf(ben.text)).toEqual(['evt-late']);
  });

  it('answers an unknown or other tenant’s profile with 404', async () => {
    for (const id of [UNKNOWN, THEIRS]) {
      const res = await exportEvents({ format: 'csv', profile_id: id });
      expect([res.status, JSON.parse(res.text).detail]).toEqual([404, 'No profile with this id']);
    }
  });
});

describe('resuming', () => {
  it('continues after the cursor of any exported row, to the microsecond', async () => {
    const rows = rowsOf((await exportEvents({ format: 'ndjson' })).text);
    for (const [index, row] of rows.entries()) {
      const after = encodeEventCursor({ occurredAt: row.timestamp, eventId: row.event_id });
      const rest = await exportEvents({ format: 'ndjson', after });
      expect(idsOf(rest.text)).toEqual(ALL.slice(index + 1));
    }
  });

  it('combines the cursor with the other filters', async () => {
    const after = encodeEventCursor({
      occurredAt: '2026-04-01T09:00:00.000Z',
      eventId: 'evt-a',
    });
    const res = await exportEvents({ format: 'ndjson', after, profile_id: BEN });
    expect(idsOf(res.text)).toEqual(['evt-late']);
  });
});

describe('access', () => {
  it('needs profiles:read', async () => {
    expect((await exportEvents({ format: 'csv' }, '')).status).toBe(401);
    const segmentsOnly = await bearerWithScopes(t.db, t.tenant.tenant.tenantId, ['segments:read']);
    expect((await exportEvents({ format: 'csv' }, segmentsOnly)).status).toBe(403);
    const profilesOnly = await bearerWithScopes(t.db, t.tenant.tenant.tenantId, ['profiles:read']);
    expect(idsOf((await exportEvents({ format: 'ndjson' }, profilesOnly)).text)).toEqual(ALL);
  });

  it('shows each tenant its own events only', async () => {
    expect(idsOf((await exportEvents({ format: 'ndjson' }, theirAuth)).text)).toEqual([
      'evt-theirs',
    ]);
  });
});

describe('bad queries', () => {
  it.each([
    [{ format: 'tsv' }, 'format', 'must be one of csv, ndjson, json'],
    [{ format: 'csv', from: 'yesterday' }, 'from', 'ISO 8601'],
    [{ format: 'csv', to: '2026-04-01T00:00:00' }, 'to', 'ISO 8601'],
    [{ format: 'csv', from: '2026-04-02T00:00:00Z', to: '2026-04-01T00:00:00Z' }, 'to', 'before'],
    [{ format: 'csv', profile_id: 'ana' }, 'profile_id', 'must be a UUID'],
    [{ format: 'csv', after: 'not-a-cursor' }, 'after', 'not the cursor'],
    [
      { format: 'csv', after: encodeEventCursor({ occurredAt: 'now', eventId: 'x' }) },
      'after',
      'not the cursor',
    ],
    [{ format: 'csv', segment: UNKNOWN }, 'segment', 'is not a parameter'],
  ])('answers %j with a 400 naming the field', async (query, path, message) => {
    const res = await exportEvents(query);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text) as { errors: { path: string; message: string }[] };
    expect(body.errors).toEqual([{ path, message: expect.stringContaining(message) }]);
  });
});
