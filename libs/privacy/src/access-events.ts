import type { Db } from '@stratum/db';

/** One event as an access document shows it: as stored, identifiers as hashes. */
export interface AccessEvent {
  event_id: string;
  profile_id: string;
  type: string;
  name: string | null;
  occurred_at: string;
  received_at: string;
  sent_at: string | null;
  source_id: string | null;
  identifiers: unknown;
  traits: unknown;
  properties: unknown;
  context: unknown;
}

interface EventCursor {
  occurredAt: Date;
  eventId: string;
}

/**
 * A profile's events, newest first, `pageSize` at a time: keyset pages along the profile
 * timeline index, so a profile with years of events is never read whole into memory.
 */
export async function* pageProfileEvents(
  db: Db,
  tenantId: string,
  profileId: string,
  pageSize: number,
): AsyncGenerator<AccessEvent[]> {
  let after: EventCursor | undefined;
  for (;;) {
    const rows = await db
      .selectFrom('cdp_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', profileId)
      .$if(after !== undefined, (qb) =>
        qb.where((eb) =>
          eb(
            eb.refTuple('occurred_at', 'event_id'),
            '<',
            eb.tuple(after!.occurredAt, after!.eventId),
          ),
        ),
      )
      .orderBy('occurred_at', 'desc')
      .orderBy('event_id', 'desc')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((e) => ({
      event_id: e.event_id,
      profile_id: e.profile_id,
      type: e.type,
      name: e.name,
      occurred_at: e.occurred_at.toISOString(),
      received_at: e.received_at.toISOString(),
      sent_at: e.sent_at?.toISOString() ?? null,
      source_id: e.source_id,
      identifiers: e.identifiers,
      traits: e.traits,
      properties: e.properties,
      context: e.context,
    }));
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { occurredAt: last.occurred_at, eventId: last.event_id };
  }
}
