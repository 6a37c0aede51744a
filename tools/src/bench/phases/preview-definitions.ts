/** A definition the preview phase times, with a short name for the report. */
export interface PreviewCase {
  name: string;
  definition: unknown;
}

/**
 * One definition of each kind a user writes, over the data of fillPreviewTenant: traits
 * (equality, number and date ranges), events (with and without a window, counted, filtered,
 * "did not"), identifiers, consent, first and last seen, and a nested group.
 */
export const PREVIEW_CASES: readonly PreviewCase[] = [
  { name: 'trait eq', definition: { trait: 'plan', op: 'eq', value: 'pro' } },
  {
    name: 'trait number range',
    definition: {
      all: [
        { trait: 'age', op: 'gte', value: 30 },
        { trait: 'age', op: 'lt', value: 40 },
      ],
    },
  },
  {
    name: 'trait date before',
    definition: { trait: 'signed_up_at', op: 'lt', value: '2023-01-01' },
  },
  {
    name: 'event count ≥ 2 in 90 days',
    definition: { event: 'Order Completed', count: { op: 'gte', value: 2 }, within_days: 90 },
  },
  {
    name: 'event in 30 days with a where filter',
    definition: {
      event: 'Order Completed',
      within_days: 30,
      where: [{ property: 'revenue', op: 'gt', value: 100 }],
    },
  },
  { name: 'event ever (no window)', definition: { event: 'Order Completed' } },
  {
    name: 'event count eq 0 in 30 days',
    definition: { event: 'Checkout Started', within_days: 30, count: { op: 'eq', value: 0 } },
  },
  { name: 'identifier present', definition: { identifier: 'phone' } },
  { name: 'consent granted', definition: { consent: 'marketing', status: 'granted' } },
  { name: 'first seen in 30 days', definition: { first_seen: { within_days: 30 } } },
  { name: 'last seen over 90 days ago', definition: { last_seen: { before_days: 90 } } },
  {
    name: 'nested all / any / not',
    definition: {
      all: [
        { trait: 'plan', op: 'in', value: ['pro', 'team'] },
        { any: [{ identifier: 'email' }, { identifier: 'phone' }] },
        { not: { consent: 'advertising', status: 'granted' } },
        { event: 'Product Viewed', within_days: 14 },
      ],
    },
  },
];
