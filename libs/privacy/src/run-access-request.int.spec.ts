import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { insertConsents } from '@stratum/db';
import { pageProfileEvents } from './access-events';
import { streamAccessDocument } from './access-result.repository';
import { findPrivacyRequest } from './privacy-request.repository';
import { runPrivacyRequest } from './run-privacy-request';
import { submitPrivacyRequest } from './submit-privacy-request';
import { hashed, seedEvents } from './testing';

let testDb: TestDatabase;
let tenantId: string;
let jane: string;
let janesPhone: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  // Jane's email profile and her phone profile, merged by a later event carrying both.
  const [email, phone] = await seedEvents(testDb.db, tenantId, [
    {
      identifiers: [{ type: 'email', value: 'jane@example.com' }],
      traits: { plan: 'pro' },
      occurredAt: new Date('2026-10-01T10:00:00Z'),
    },
    {
      identifiers: [{ type: 'phone', value: '+14155550100' }],
      occurredAt: new Date('2026-10-02T10:00:00Z'),
      properties: { revenue: 10 },
    },
  ]);
  await seedEvents(testDb.db, tenantId, [
    {
      identifiers: [
        { type: 'email', value: 'jane@example.com' },
        { type: 'phone', value: '+14155550100' },
      ],
      occurredAt: new Date('2026-10-03T10:00:00Z'),
    },
    { identifiers: [{ type: 'email', value: 'someone.else@example.com' }] },
  ]);
  const survivor = await testDb.db
    .selectFrom('cdp_profiles')
    .select('profile_id')
    .where('profile_id', 'in', [email!, phone!])
    .where('merged_into', 'is', null)
    .executeTakeFirstOrThrow();
  jane = survivor.profile_id;
  janesPhone = jane === email ? phone! : email!;
  await testDb.db.transaction().execute((trx) =>
    insertConsents(trx, {
      tenantId,
      profileId: jane,
      consents: [{ purpose: 'marketing', status: 'granted', occurredAt: new Date() }],
      source: 'banner',
      sourceId: null,
    }),
  );
  const segment = await testDb.db
    .insertInto('cdp_segments')
    .values({ tenant_id: tenantId, name: 'Pro', definition: JSON.stringify({ all: [] }) })
    .returning('segment_id')
    .executeTakeFirstOrThrow();
  await testDb.db
    .insertInto('cdp_segment_members')
    .values({
      tenant_id: tenantId,
      segment_id: segment.segment_id,
      profile_id: jane,
      entered_at: new Date(),
    })
    .execute();
});
afterAll(() => testDb.destroy());

interface AccessDoc {
  request_id: string;
  identifiers: unknown;
  profiles: ({ profile_id: string } & Record<string, unknown>)[];
  events: unknown[];
}

async function documentOf(requestId: string): Promise<AccessDoc> {
  let text = '';
  await streamAccessDocument(testDb.db, tenantId, requestId, (chunk) => {
    text += chunk;
    return Promise.resolve();
  });
  return JSON.parse(text) as AccessDoc;
}

describe('an access request', () => {
  it('gathers the survivor and the profile merged into it: identifiers, traits, consents, events, segments', async () => {
    const request = await submitPrivacyRequest(
      testDb.db,
      tenantId,
      'access',
      [hashed('phone', '+1 (415) 555-0100')],
      { queue: false },
    );
    const ended = await runPrivacyRequest(testDb.db, tenantId, request.requestId);
    expect(ended).toMatchObject({
      status: 'done',
      profilesAffected: 2,
      counts: {
        identifiers_matched: 1,
        profiles: 2,
        identifiers: 2,
        consents: 1,
        segments: 1,
        events: 3,
      },
    });

    const doc = await documentOf(request.requestId);
    expect(doc.request_id).toBe(request.requestId);
    expect(doc.identifiers).toEqual([hashed('phone', '+14155550100')]);
    expect(doc.profiles.map((p) => p.profile_id).sort()).toEqual([jane, janesPhone].sort());
    const survivor = doc.profiles.find((p) => p.profile_id === jane);
    expect(survivor).toMatchObject({
      merged_into: null,
      traits: { plan: 'pro' },
      identifiers: expect.arrayContaining([
        expect.objectContaining(hashed('email', 'jane@example.com')),
        expect.objectContaining(hashed('phone', '+14155550100')),
      ]),
      consents: [
        expect.objectContaining({ purpose: 'marketing', status: 'granted', source: 'banner' }),
      ],
      segments: [expect.objectContaining({ name: 'Pro' })],
      merges: [expect.objectContaining({ merged_profile_id: janesPhone, into_profile_id: jane })],
    });
    expect(doc.events).toHaveLength(3);
    expect(JSON.stringify(doc)).not.toContain(hashed('email', 'someone.else@example.com').hash);
  });

  it('completes with no profile for unknown identifiers, and an empty document', async () => {
    const request = await submitPrivacyRequest(
      testDb.db,
      tenantId,
      'access',
      [hashed('email', 'nobody@example.com')],
      { queue: false },
    );
    await runPrivacyRequest(testDb.db, tenantId, request.requestId);
    const ended = await findPrivacyRequest(testDb.db, tenantId, request.requestId);
    expect(ended).toMatchObject({ status: 'done', profilesAffected: 0 });
    expect(await documentOf(request.requestId)).toMatchObject({ profiles: [], events: [] });
  });

  it('is not run twice: an ended request is left as it is', async () => {
    const request = await submitPrivacyRequest(
      testDb.db,
      tenantId,
      'access',
      [hashed('email', 'jane@example.com')],
      { queue: false },
    );
    await runPrivacyRequest(testDb.db, tenantId, request.requestId);
    expect(await runPrivacyRequest(testDb.db, tenantId, request.requestId)).toBeUndefined();
    expect(
      await runPrivacyRequest(testDb.db, '00000000-0000-4000-8000-000000000000', request.requestId),
    ).toBeUndefined();
  });
});

describe('pageProfileEvents', () => {
  it('pages a profile timeline newest first, without repeating or skipping an event', async () => {
    const pages: string[][] = [];
    for await (const page of pageProfileEvents(testDb.db, tenantId, jane, 1)) {
      pages.push(page.map((e) => e.event_id));
    }
    const all = await testDb.db
      .selectFrom('cdp_events')
      .select('event_id')
      .where('profile_id', '=', jane)
      .orderBy('occurred_at', 'desc')
      .execute();
    expect(all).toHaveLength(2);
    expect(pages).toEqual(all.map((e) => [e.event_id]));
  });
});
