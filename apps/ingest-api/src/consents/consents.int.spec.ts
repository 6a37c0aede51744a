import request from 'supertest';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(() => t.close());

const path = '/api/v1/cdp/consents';

describe('POST /api/v1/cdp/consents', () => {
  it('consent management - consent recorded correctly on the profile of the identifiers', async () => {
    const identifiers = [{ type: 'email', value: 'consent@example.com' }];
    const event = await request(t.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', t.writeAuth)
      .send(trackEvent({ identifiers }));
    const res = await request(t.app)
      .post(path)
      .set('Authorization', t.secretAuth)
      .send({
        identifiers,
        consents: [
          { purpose: 'marketing', status: 'granted', timestamp: '2026-11-20T10:00:00Z' },
          { purpose: 'analytics', status: 'denied', timestamp: '2026-11-20T10:00:00Z' },
        ],
        source: 'cookie-banner',
      });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('accepted');
    expect(res.body.profile_id).toBe(event.body.results[0].profile_id);
    expect(res.body.consents).toEqual([
      {
        purpose: 'analytics',
        status: 'denied',
        timestamp: '2026-11-20T10:00:00.000Z',
        source: 'cookie-banner',
      },
      {
        purpose: 'marketing',
        status: 'granted',
        timestamp: '2026-11-20T10:00:00.000Z',
        source: 'cookie-banner',
      },
    ]);
  });

  it('keeps the history and answers the latest decision per purpose by timestamp', async () => {
    const identifiers = [{ type: 'external_id', value: 'consent-history-1' }];
    const send = (status: string, timestamp: string) =>
      request(t.app)
        .post(path)
        .set('Authorization', t.secretAuth)
        .send({ identifiers, consents: [{ purpose: 'advertising', status, timestamp }] });
    await send('granted', '2026-11-20T12:00:00Z');
    const late = await send('denied', '2026-11-20T08:00:00Z'); // arrives later, happened earlier
    expect(late.body.consents).toEqual([
      expect.objectContaining({ purpose: 'advertising', status: 'granted' }),
    ]);
    const rows = await t.testDb.db
      .selectFrom('cdp_consents')
      .selectAll()
      .where('profile_id', '=', late.body.profile_id)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('rejects an unknown purpose and a bad identifier, naming the field', async () => {
    const res = await request(t.app)
      .post(path)
      .set('Authorization', t.secretAuth)
      .send({
        identifiers: [{ type: 'email', value: 'x@example.com' }],
        consents: [{ purpose: 'telepathy', status: 'granted' }],
      });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('consents.0.purpose');
    const bad = await request(t.app)
      .post(path)
      .set('Authorization', t.secretAuth)
      .send({
        identifiers: [{ type: 'email', value: 'nope' }],
        consents: [{ purpose: 'marketing', status: 'granted' }],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('identifiers.0.value');
  });

  const EMAIL = { type: 'email', value: 'x@example.com' };
  const GRANT = { purpose: 'marketing', status: 'granted' };
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a lone surrogate in an identifier value',
      { identifiers: [{ type: 'external_id', value: 'crm-\ud800' }], consents: [GRANT] },
      'identifiers.0.value',
    ],
    [
      'a NUL in an identifier value',
      { identifiers: [{ type: 'external_id', value: 'crm-\u0000' }], consents: [GRANT] },
      'identifiers.0.value',
    ],
    [
      'a lone surrogate in source',
      { identifiers: [EMAIL], consents: [GRANT], source: '\udc00' },
      'source',
    ],
    ['a NUL in source', { identifiers: [EMAIL], consents: [GRANT], source: 'a\u0000' }, 'source'],
    [
      'a lone surrogate in a purpose',
      { identifiers: [EMAIL], consents: [{ ...GRANT, purpose: 'marketing\ud800' }] },
      'consents.0.purpose',
    ],
  ])('answers %s with a 400 naming the field, storing nothing', async (_name, body, field) => {
    const count = async () =>
      Number(
        (
          await t.testDb.db
            .selectFrom('cdp_consents')
            .select(({ fn }) => fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const res = await request(t.app).post(path).set('Authorization', t.secretAuth).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path: field, message: expect.any(String) }]);
    expect(await count()).toBe(before);
  });

  it('needs the consents:write scope', async () => {
    const res = await request(t.app)
      .post(path)
      .set('Authorization', t.writeAuth)
      .send({
        identifiers: [{ type: 'email', value: 'x@example.com' }],
        consents: [{ purpose: 'marketing', status: 'granted' }],
      });
    expect(res.status).toBe(403);
  });
});
