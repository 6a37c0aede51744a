import { EVENTS_PAGE_LIMIT, ProfileEventsPageSchema } from '@stratum/schemas';
import type { ProfileEvent } from '@stratum/schemas';

/** Where a running profile API answers, and the `Authorization` of a `profiles:read` key. */
export interface ProfileApi {
  url: string;
  authorization: string;
}

/**
 * Every event of one profile (and of those merged into it) as `GET /profiles/{id}/events`
 * answers it, following `next_cursor` to the last page. Any answer but a 200 that fits the
 * published page schema throws.
 */
async function profileTimeline(api: ProfileApi, profileId: string): Promise<ProfileEvent[]> {
  const events: ProfileEvent[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(EVENTS_PAGE_LIMIT.max) });
    if (cursor !== null) query.set('cursor', cursor);
    const res = await fetch(
      `${api.url}/api/v1/cdp/profiles/${profileId}/events?${query.toString()}`,
      {
        headers: { Authorization: api.authorization },
      },
    );
    const body: unknown = await res.json();
    if (res.status !== 200) {
      throw new Error(`events of a profile answered ${res.status}: ${JSON.stringify(body)}`);
    }
    const page = ProfileEventsPageSchema.safeParse(body);
    if (!page.success) throw new Error(`an events page off its schema: ${page.error.message}`);
    // The body as sent, not zod's copy of it: the comparison is with the wire.
    events.push(...(body as { events: ProfileEvent[] }).events);
    cursor = page.data.next_cursor;
  } while (cursor !== null);
  return events;
}

/**
 * The events of all `profileIds` by `event_id`, read `concurrency` profiles at a time. Profiles
 * merged into one another list the same events: each is kept once.
 */
export async function eventsOfProfiles(
  api: ProfileApi,
  profileIds: readonly string[],
  concurrency = 4,
): Promise<Map<string, ProfileEvent>> {
  const queue = [...new Set(profileIds)];
  const byId = new Map<string, ProfileEvent>();
  const worker = async () => {
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      for (const event of await profileTimeline(api, id)) byId.set(event.event_id, event);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return byId;
}
