import { insertConsents, insertRejectedEvents, maintainPartitions } from '@stratum/db';
import type { Db } from '@stratum/db';
import type { NormalizedIdentifier } from '@stratum/identity';
import { runPrivacyRequest } from '../run-privacy-request';
import { submitPrivacyRequest } from '../submit-privacy-request';
import { hashed, seedEvents } from '../testing';

/** Jane (two profiles merged into one) and Bob, with something of them in every table. */
export interface ErasureWorld {
  tenantId: string;
  /** Jane's survivor and the profile merged into it. */
  jane: string[];
  bob: string;
  janeHashes: NormalizedIdentifier[];
  bobHashes: NormalizedIdentifier[];
  /** An access request for Jane, with its document, made before the erasure. */
  janeAccessId: string;
}

const DAY = 86_400_000;

/**
 * Builds the world in `tenantId`: events in this month's and last month's partitions and
 * in the default one, consents, a segment membership and its log, a delivery, a rejected
 * event carrying Jane's hash, an event of each waiting in the inbox, an access document,
 * and a suppression of Bob's email.
 */
export async function buildErasureWorld(db: Db, tenantId: string): Promise<ErasureWorld> {
  await maintainPartitions(db, { monthsAhead: 1, monthsBehind: 2 });
  const now = Date.now();
  const [janeEmail, janePhone, bob] = await seedEvents(db, tenantId, [
    {
      identifiers: [{ type: 'email', value: 'jane@example.com' }],
      occurredAt: new Date(now - 40 * DAY),
      traits: { plan: 'pro' },
    },
    { identifiers: [{ type: 'phone', value: '+14155550100' }], occurredAt: new Date(now - DAY) },
    { identifiers: [{ type: 'email', value: 'bob@example.com' }], occurredAt: new Date(now) },
  ]);
  // One event carrying both merges Jane's two profiles; one lands in the default partition.
  await seedEvents(db, tenantId, [
    {
      identifiers: [
        { type: 'email', value: 'jane@example.com' },
        { type: 'phone', value: '+14155550100' },
        { type: 'anonymous_id', value: 'anon-jane-1' },
      ],
      occurredAt: new Date(now),
    },
    {
      identifiers: [{ type: 'email', value: 'jane@example.com' }],
      occurredAt: new Date('2019-06-01T00:00:00Z'),
    },
  ]);
  const jane = [janeEmail!, janePhone!];
  // Each gets a CRM id (one allowed per profile): an event carrying both emails cannot merge
  // them, so merge protection stores it on Bob's profile (his email comes first), and it
  // carries Jane's email hash on a profile that is not hers.
  await seedEvents(db, tenantId, [
    {
      identifiers: [
        { type: 'email', value: 'jane@example.com' },
        { type: 'external_id', value: 'crm-jane' },
      ],
      occurredAt: new Date(now),
    },
    {
      identifiers: [
        { type: 'email', value: 'bob@example.com' },
        { type: 'external_id', value: 'crm-bob' },
      ],
      occurredAt: new Date(now),
    },
  ]);
  await seedEvents(db, tenantId, [
    {
      eventId: 'bob-and-jane',
      identifiers: [
        { type: 'email', value: 'bob@example.com' },
        { type: 'email', value: 'jane@example.com' },
      ],
      occurredAt: new Date(now),
    },
  ]);
  await db.transaction().execute(async (trx) => {
    for (const profileId of [...jane, bob!]) {
      await insertConsents(trx, {
        tenantId,
        profileId,
        consents: [{ purpose: 'marketing', status: 'granted', occurredAt: new Date(now) }],
        source: 'banner',
        sourceId: null,
      });
    }
  });
  const segment = await db
    .insertInto('cdp_segments')
    .values({ tenant_id: tenantId, name: 'Pro', definition: JSON.stringify({ all: [] }) })
    .returning('segment_id')
    .executeTakeFirstOrThrow();
  for (const profileId of [jane[0]!, bob!]) {
    await db
      .insertInto('cdp_segment_members')
      .values({
        tenant_id: tenantId,
        segment_id: segment.segment_id,
        profile_id: profileId,
        entered_at: new Date(),
      })
      .execute();
    await db
      .insertInto('cdp_segment_membership_log')
      .values({
        tenant_id: tenantId,
        segment_id: segment.segment_id,
        profile_id: profileId,
        change: 'entered',
        at: new Date(),
        version: 1,
      })
      .execute();
  }
  const destination = await db
    .insertInto('cdp_destinations')
    .values({
      tenant_id: tenantId,
      name: 'CRM',
      url: 'https://hooks.example.com/x',
      secret: 'whsec_test',
    })
    .returning('destination_id')
    .executeTakeFirstOrThrow();
  for (const profileId of [jane[0]!, bob!]) {
    await db
      .insertInto('cdp_deliveries')
      .values({
        tenant_id: tenantId,
        destination_id: destination.destination_id,
        profile_id: profileId,
        type: 'profile.updated',
        body: JSON.stringify({ profile_id: profileId }),
      })
      .execute();
  }
  const janeHashes = [
    hashed('email', 'jane@example.com'),
    hashed('phone', '+14155550100'),
    hashed('anonymous_id', 'anon-jane-1'),
    hashed('external_id', 'crm-jane'),
  ];
  const bobHashes = [hashed('email', 'bob@example.com')];
  // The delivery of the event stored on Bob that carries Jane's email hash.
  await db
    .insertInto('cdp_deliveries')
    .values({
      tenant_id: tenantId,
      destination_id: destination.destination_id,
      profile_id: bob!,
      type: 'event.received',
      body: JSON.stringify({
        profile_id: bob,
        event: { event_id: 'bob-and-jane', identifiers: [bobHashes[0], janeHashes[0]] },
      }),
    })
    .execute();
  await insertRejectedEvents(db, tenantId, [
    {
      sourceId: null,
      route: 'events',
      eventId: 'rejected-jane',
      index: 0,
      reason: 'invalid_field',
      errors: [{ path: 'type', message: 'is required' }],
      payloadJson: JSON.stringify({ identifiers: [{ ...janeHashes[0], hashed_from: 'trimmed' }] }),
    },
    {
      sourceId: null,
      route: 'events',
      eventId: 'rejected-bob',
      index: 0,
      reason: 'invalid_field',
      errors: [{ path: 'type', message: 'is required' }],
      payloadJson: JSON.stringify({ identifiers: [{ ...bobHashes[0], hashed_from: 'trimmed' }] }),
    },
  ]);
  // Events accepted with 202 and not resolved yet: one of Jane's, one of Bob's.
  await db
    .insertInto('cdp_inbox')
    .values(
      (
        [
          ['inbox-jane', janeHashes[0]!],
          ['inbox-bob', bobHashes[0]!],
        ] as const
      ).map(([eventId, { type, hash }], i) => {
        const identifiers = [{ type, hash }];
        return {
          tenant_id: tenantId,
          lane: Number.parseInt(hash.slice(0, 2), 16),
          source_id: null,
          received_at: new Date(),
          route: 'events',
          event_index: i,
          resolution: JSON.stringify({ e: eventId, o: new Date().toISOString(), u: identifiers }),
          event_row: `{"e":"${eventId}","t":"track","n":"Waiting","i":${JSON.stringify(identifiers)}`,
        };
      }),
    )
    .execute();
  const access = await submitPrivacyRequest(db, tenantId, 'access', [janeHashes[1]!], {
    queue: false,
  });
  await runPrivacyRequest(db, tenantId, access.requestId);
  await submitPrivacyRequest(db, tenantId, 'suppress', bobHashes, { queue: false });
  return { tenantId, jane, bob: bob!, janeHashes, bobHashes, janeAccessId: access.requestId };
}
