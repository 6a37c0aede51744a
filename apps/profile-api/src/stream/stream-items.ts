import { changeItems, itemBody, profileTraits, storedEvents } from '@stratum/changes';
import type { Change, ChangeCursor, StoredEvent } from '@stratum/changes';
import type { Db } from '@stratum/db';
import type { StreamMessage, StreamType } from '@stratum/schemas';
import { streamId } from './stream-id';

/** One message ready to send, with what the filters look at. */
export interface StreamItem {
  id: string;
  cursor: ChangeCursor;
  rank: number;
  type: StreamType;
  profileId: string;
  /** For segment entries and exits. */
  segmentId?: string;
  /** The message, serialized once for every reader. */
  json: string;
}

/** What the readers of a page need read besides the feed. */
export interface ItemNeeds {
  /** Some reader takes `event.received` (the feed names events only: read them). */
  events: boolean;
  /** Some reader takes `profile.updated` (it carries the traits now). */
  traits: boolean;
}

/**
 * The stream messages of one tenant's changes, in feed order: the same items and data as a
 * webhook delivery. Items whose subject is gone (an erased event) are left out.
 */
export async function streamItems(
  db: Db,
  tenantId: string,
  changes: readonly Change[],
  needs: ItemNeeds,
): Promise<StreamItem[]> {
  const items = changeItems(changes);
  const events = needs.events
    ? await storedEvents(
        db,
        tenantId,
        items.flatMap((i) => (i.type === 'event.received' ? [i] : [])),
      )
    : new Map<string, StoredEvent>();
  const traits = needs.traits
    ? await profileTraits(
        db,
        tenantId,
        items.filter((i) => i.type === 'profile.updated').map((i) => i.profileId),
      )
    : new Map<string, Record<string, unknown>>();

  const out: StreamItem[] = [];
  let rank = 0;
  let previous: ChangeCursor | undefined;
  for (const item of items) {
    rank = item.cursor === previous ? rank + 1 : 0;
    previous = item.cursor;
    if (item.type === 'event.received' && !needs.events) continue;
    const body = itemBody(item, { events, traits });
    // Change items never make test sends or alerts; the checks narrow the type.
    if (body === undefined || body.type === 'destination.test' || body.type === 'source.anomaly') {
      continue;
    }
    const id = streamId(item.cursor, rank);
    const message: StreamMessage = {
      id,
      type: body.type,
      at: body.timestamp,
      profile_id: item.profileId,
      data: body.data,
    };
    out.push({
      id,
      cursor: item.cursor,
      rank,
      type: body.type,
      profileId: item.profileId,
      segmentId: 'segmentId' in item ? item.segmentId : undefined,
      json: JSON.stringify(message),
    });
  }
  return out;
}

/** Which of these profiles are members of the segment now. */
export async function membersAmong(
  db: Db,
  tenantId: string,
  segmentId: string,
  profileIds: readonly string[],
): Promise<Set<string>> {
  if (profileIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('cdp_segment_members')
    .select('profile_id')
    .where('tenant_id', '=', tenantId)
    .where('segment_id', '=', segmentId)
    .where('profile_id', 'in', [...new Set(profileIds)])
    .execute();
  return new Set(rows.map((r) => r.profile_id));
}
