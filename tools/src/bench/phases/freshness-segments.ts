import type { BenchEvent } from '../load/event-body';

/**
 * A segment the freshness phase defines, and how the client knows from its own answers that
 * a profile now belongs: once `needed` of the profile's accepted events `qualify`.
 */
export interface FreshnessSegment {
  name: string;
  definition: unknown;
  qualifies: (event: BenchEvent) => boolean;
  needed: number;
}

const inCampaign = (campaign: string) => [{ property: 'campaign.name', op: 'eq', value: campaign }];

/**
 * Segments only the phase's own events can satisfy (they name `campaign`, which no earlier
 * event does), each entered for good once satisfied: a trait an identify sets, an event
 * with a filter, and an event counted twice. So the first answer that satisfies one dates
 * the profile's entry.
 */
export function freshnessSegments(campaign: string): FreshnessSegment[] {
  const named = (name: string) => (event: BenchEvent) =>
    event.type === 'track' && event.name === name;
  return [
    {
      name: 'trait eq (identify)',
      definition: { trait: 'last_campaign', op: 'eq', value: campaign },
      qualifies: (event) => event.type === 'identify',
      needed: 1,
    },
    {
      name: 'event in 1 day with a where filter',
      definition: { event: 'Order Completed', within_days: 1, where: inCampaign(campaign) },
      qualifies: named('Order Completed'),
      needed: 1,
    },
    {
      name: 'event count ≥ 2 in 1 day',
      definition: {
        event: 'Product Viewed',
        within_days: 1,
        count: { op: 'gte', value: 2 },
        where: inCampaign(campaign),
      },
      qualifies: named('Product Viewed'),
      needed: 2,
    },
  ];
}
