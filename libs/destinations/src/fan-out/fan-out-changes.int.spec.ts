import { FEED_START, ITEM_CHANGE_KINDS, readChanges } from '@stratum/changes';
import type { Change } from '@stratum/changes';
import type { Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { WebhookPayloadSchema } from '@stratum/schemas';
import { ingestEvents, recordConsent } from '@stratum/segments/testing';
import { createDestination } from '../destination.repository';
import type { DestinationInput } from '../destination.types';
import { installJobQueue } from '../testing';
import { profilesGranting } from './consent-gate';
import { fanOutChanges } from './fan-out-changes';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await installJobQueue(database.url);
}, 60_000);
afterAll(() => database.destroy());
// Reading the feed waits for every older transaction of the server, other files' included.
jest.setTimeout(30_000);

const AT = new Date('2026-11-20T10:00:00Z');
const email = (value: string) => [{ type: 'email' as const, value }];

async function destination(tenantId: string, input: Omit<DestinationInput, 'url'>) {
  const created = await createDestination(db, tenantId, { url: 'https://x.example/', ...input });
  if (!created.ok) throw new Error(created.error);
  return created.value.destination.destinationId;
}

/** The tenant's changes so far (other files' open transactions hold the horizon briefly). */
async function changesOf(tenantId: string, count: number): Promise<Change[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const page = await readChanges(db, {
      tenantId,
      after: FEED_START,
      limit: 1000,
      kinds: ITEM_CHANGE_KINDS,
    });
    if (page.changes.length >= count || Date.now() > deadline) return page.changes;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function bodiesOf(destinationId: string) {
  const rows = await db
    .selectFrom('cdp_deliveries')
    .select(['type', 'body', 'profile_id'])
    .where('destination_id', '=', destinationId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ ...r, payload: WebhookPayloadSchema.parse(JSON.parse(r.body)) }));
}

describe('fanOutChanges', () => {
  it('sends each destination what it asked for, with consent, once', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const orders = await destination(tenantId, {
      name: 'Orders',
      events: { names: ['Order Completed'] },
    });
    const marketing = await destination(tenantId, {
      name: 'Marketing',
      events: {},
      profileUpdates: true,
      consentPurpose: 'marketing',
    });
    const [ann, ben] = await ingestEvents(db, tenantId, [
      {
        identifiers: email('ann@x.test'),
        occurredAt: AT,
        name: 'Signed Up',
      },
      { identifiers: email('ben@x.test'), occurredAt: AT, name: 'Signed Up' },
    ]);
    await recordConsent(db, tenantId, ann!, {
      purpose: 'marketing',
      status: 'granted',
      occurredAt: AT,
    });
    await recordConsent(db, tenantId, ben!, {
      purpose: 'marketing',
      status: 'denied',
      occurredAt: AT,
    });
    await ingestEvents(db, tenantId, [
      {
        identifiers: email('ann@x.test'),
        occurredAt: AT,
        name: 'Order Completed',
        properties: { total: 10 },
        traits: { plan: 'pro' },
      },
      { identifiers: email('ben@x.test'), occurredAt: AT, name: 'Order Completed' },
    ]);
    const changes = await changesOf(tenantId, 3);

    const result = await fanOutChanges(db, changes);
    // Orders: two orders. Marketing: Ann's two events and her trait change; Ben's held back.
    expect(result).toEqual({
      queued: 5,
      byType: { 'event.received': 4, 'profile.updated': 1 },
      skippedByConsent: 2,
    });
    const toOrders = await bodiesOf(orders);
    expect(toOrders.map((d) => [d.type, d.profile_id])).toEqual([
      ['event.received', ann],
      ['event.received', ben],
    ]);
    expect(toOrders[0]!.payload).toMatchObject({
      type: 'event.received',
      timestamp: AT.toISOString(),
      data: {
        type: 'track',
        name: 'Order Completed',
        profile_id: ann,
        properties: { total: 10 },
        identifiers: [{ type: 'email', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }],
      },
    });
    const toMarketing = await bodiesOf(marketing);
    expect(toMarketing.every((d) => d.profile_id === ann)).toBe(true);
    expect(toMarketing.find((d) => d.type === 'profile.updated')?.payload.data).toEqual({
      profile_id: ann,
      changed_traits: ['plan'],
      traits: { plan: 'pro' },
    });
    for (const d of [...toOrders, ...toMarketing]) expect(d.body).not.toMatch(/@x\.test/);

    // The same page again (a run that failed after queueing): nothing twice.
    expect((await fanOutChanges(db, changes)).queued).toBe(0);
  });

  it('sends nothing recorded before a destination existed, and reads no event nobody takes', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    await ingestEvents(db, tenantId, [
      { identifiers: email('cat@x.test'), occurredAt: AT, name: 'Order Completed' },
    ]);
    const changes = await changesOf(tenantId, 1);
    await destination(tenantId, { name: 'Late', events: {} });
    expect(await fanOutChanges(db, changes)).toEqual({
      queued: 0,
      byType: {},
      skippedByConsent: 0,
    });
    const profilesOnly = await createTestTenant(db);
    await destination(profilesOnly.tenant.tenantId, { name: 'Profiles', profileUpdates: true });
    await ingestEvents(db, profilesOnly.tenant.tenantId, [
      { identifiers: email('dan@x.test'), occurredAt: AT, name: 'Order Completed' },
    ]);
    const theirs = await changesOf(profilesOnly.tenant.tenantId, 1);
    expect((await fanOutChanges(db, theirs)).queued).toBe(0);
  });
});

describe('profilesGranting', () => {
  it('reads the newest decision across a survivor and the profiles merged into it', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const [eve, fay, gus] = await ingestEvents(db, tenantId, [
      { identifiers: email('eve@x.test'), occurredAt: AT, name: 'A' },
      { identifiers: email('fay@x.test'), occurredAt: AT, name: 'A' },
      { identifiers: email('gus@x.test'), occurredAt: AT, name: 'A' },
    ]);
    await recordConsent(db, tenantId, fay!, {
      purpose: 'analytics',
      status: 'granted',
      occurredAt: AT,
    });
    await recordConsent(db, tenantId, gus!, {
      purpose: 'analytics',
      status: 'granted',
      occurredAt: AT,
    });
    const later = new Date(AT.getTime() + 1000);
    await recordConsent(db, tenantId, gus!, {
      purpose: 'analytics',
      status: 'denied',
      occurredAt: later,
    });
    // One event names Eve and Fay: one of them survives with both consents' histories.
    const [survivor] = await ingestEvents(db, tenantId, [
      { identifiers: [...email('eve@x.test'), ...email('fay@x.test')], occurredAt: AT, name: 'B' },
    ]);
    const granted = await profilesGranting(db, tenantId, 'analytics', [
      eve!,
      fay!,
      gus!,
      survivor!,
    ]);
    expect([...granted].sort()).toEqual([eve!, fay!].sort());
    expect(await profilesGranting(db, tenantId, 'marketing', [eve!, fay!])).toEqual(new Set());
    expect(await profilesGranting(db, tenantId, 'analytics', [])).toEqual(new Set());
  });
  it('sends an erasure to every destination, whatever it takes or was consented to', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const gated = await destination(tenantId, {
      name: 'Gated',
      events: {},
      consentPurpose: 'marketing',
    });
    const updatesOnly = await destination(tenantId, { name: 'Updates only', profileUpdates: true });
    const [ivy] = await ingestEvents(db, tenantId, [
      { identifiers: email('ivy@x.test'), occurredAt: AT, name: 'Signed Up' },
    ]);
    const requestId = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
    // As erasure records it, once everything else about the profile is gone.
    await db
      .insertInto('cdp_changes')
      .values({
        tenant_id: tenantId,
        kind: 'profile.erased',
        profile_id: ivy!,
        data: { request_id: requestId },
      })
      .execute();
    const result = await fanOutChanges(db, await changesOf(tenantId, 2));
    expect(result.byType['profile.erased']).toBe(2);
    expect(result.skippedByConsent).toBe(1);
    for (const id of [gated, updatesOnly]) {
      const erased = (await bodiesOf(id)).filter((d) => d.type === 'profile.erased');
      expect(erased.map((d) => d.payload.data)).toEqual([
        { profile_id: ivy, request_id: requestId },
      ]);
    }
  });
});
