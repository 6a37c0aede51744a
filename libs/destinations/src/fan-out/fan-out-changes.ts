import { changeItems, profileTraits, storedEvents } from '@stratum/changes';
import type { Change, ChangeItem, ChangeItemType, StoredEvent } from '@stratum/changes';
import type { ConsentPurpose, Db } from '@stratum/db';
import type { DestinationRecord } from '../destination.types';
import { enqueueDeliveries } from '../enqueue-delivery';
import type { NewDelivery } from '../enqueue-delivery';
import { profilesGranting } from './consent-gate';
import { itemPayload } from './fan-out-payload';
import { enabledDestinations } from './fan-out-reads';
import { destinationWants } from './match-destination';

/** What a fan-out queued, and what consent held back. */
export interface FanOutResult {
  /** Deliveries queued (a change read again queues nothing twice). */
  queued: number;
  /** Deliveries planned, by payload type. */
  byType: Partial<Record<ChangeItemType, number>>;
  /** Deliveries not made: the profile had not granted the destination's purpose. */
  skippedByConsent: number;
}

/**
 * Turns a page of changes into deliveries, queued with their jobs in the caller's
 * transaction: each item goes to every enabled destination of its tenant that wants it and
 * whose consent purpose the profile has currently granted.
 */
export async function fanOutChanges(trx: Db, changes: readonly Change[]): Promise<FanOutResult> {
  const items = changeItems(changes);
  const tenants = [...new Set(items.map((i) => i.tenantId))];
  const destinations = await enabledDestinations(trx, tenants);
  const result: FanOutResult = { queued: 0, byType: {}, skippedByConsent: 0 };
  const deliveries: NewDelivery[] = [];
  for (const [tenantId, tenantDestinations] of destinations) {
    const tenantItems = items.filter((i) => i.tenantId === tenantId);
    const planned = await planTenant(trx, tenantId, tenantDestinations, tenantItems);
    deliveries.push(...planned.deliveries);
    result.skippedByConsent += planned.skippedByConsent;
  }
  for (const d of deliveries)
    result.byType[d.type as ChangeItemType] = (result.byType[d.type as ChangeItemType] ?? 0) + 1;
  result.queued = (await enqueueDeliveries(trx, deliveries)).length;
  return result;
}

async function planTenant(
  trx: Db,
  tenantId: string,
  destinations: readonly DestinationRecord[],
  items: ChangeItem[],
): Promise<{ deliveries: NewDelivery[]; skippedByConsent: number }> {
  // Events are read only when some destination takes events: the feed names them only.
  const eventItems = items.filter((i) => i.type === 'event.received');
  const events =
    eventItems.length > 0 && destinations.some((d) => d.events !== null)
      ? await storedEvents(trx, tenantId, eventItems)
      : new Map<string, StoredEvent>();
  for (const item of eventItems) {
    const event = events.get(item.eventId);
    item.eventType = event?.type;
    item.eventName = event?.name ?? null;
  }
  const wanted = items
    .map((item) => ({ item, to: destinations.filter((d) => destinationWants(d, item)) }))
    .filter((w) => w.to.length > 0);

  const granted = new Map<ConsentPurpose, Set<string>>();
  for (const purpose of new Set(destinations.map((d) => d.consentPurpose))) {
    if (purpose === null) continue;
    const asked = wanted.filter((w) => w.to.some((d) => d.consentPurpose === purpose));
    granted.set(
      purpose,
      await profilesGranting(
        trx,
        tenantId,
        purpose,
        asked.map((w) => w.item.profileId),
      ),
    );
  }
  const updated = wanted
    .filter((w) => w.item.type === 'profile.updated')
    .map((w) => w.item.profileId);
  const sources = { events, traits: await profileTraits(trx, tenantId, updated) };

  const deliveries: NewDelivery[] = [];
  let skippedByConsent = 0;
  for (const { item, to } of wanted) {
    // An erasure goes out whatever was consented to: the consents are erased with the rest.
    const allowed =
      item.type === 'profile.erased'
        ? to
        : to.filter(
            (d) =>
              d.consentPurpose === null ||
              granted.get(d.consentPurpose)?.has(item.profileId) === true,
          );
    skippedByConsent += to.length - allowed.length;
    const body = allowed.length > 0 ? itemPayload(item, sources) : undefined;
    if (body === undefined) continue;
    for (const destination of allowed) {
      deliveries.push({
        tenantId,
        destinationId: destination.destinationId,
        changeId: item.changeId,
        subjectId: item.subjectId,
        profileId: item.profileId,
        type: item.type,
        body,
      });
    }
  }
  return { deliveries, skippedByConsent };
}
