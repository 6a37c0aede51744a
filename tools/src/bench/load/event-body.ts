import type { RawIdentifier } from './customers';
import type { Random } from './random';

/** An event as a producer sends it (docs/EVENT_SPEC_MINIMAL.md). */
export interface BenchEvent {
  event_id: string;
  type: 'track' | 'page' | 'identify';
  name?: string;
  timestamp: string;
  sent_at: string;
  identifiers: RawIdentifier[];
  traits?: Record<string, unknown>;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

const TRACK_NAMES = [
  'Product Viewed',
  'Product Added',
  'Checkout Started',
  'Order Completed',
  'Signed In',
  'Newsletter Subscribed',
];
const PRODUCTS = [
  { name: 'Merino Wool Sweater, Navy', category: 'Apparel/Knitwear', price: 89.9 },
  { name: 'Trail Running Shoes GTX', category: 'Footwear/Running', price: 139.0 },
  { name: 'Insulated Water Bottle 750 ml', category: 'Outdoor/Accessories', price: 24.5 },
  { name: 'Organic Cotton T-Shirt, White', category: 'Apparel/Basics', price: 19.9 },
  { name: 'Packable Down Jacket', category: 'Apparel/Outerwear', price: 179.0 },
];
const PATHS = ['/products/merino-sweater', '/checkout', '/cart', '/account/orders', '/sale'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
];
const LOCALES = ['de-DE', 'en-US', 'fr-FR', 'en-GB'];

/** The campaign every event names unless a phase runs one of its own. */
export const DEFAULT_CAMPAIGN = 'winter-sale-2026';

/**
 * Builds the body of one event: about 500 bytes of `properties` (an order with two
 * products, the page, the campaign), a browser `context`, and `traits` on identify calls
 * (the campaign among them, as `last_campaign`).
 */
export function buildEventBody(
  random: Random,
  eventId: string,
  identifiers: RawIdentifier[],
  now: number,
  campaign = DEFAULT_CAMPAIGN,
): BenchEvent {
  const roll = random.next();
  const type = roll < 0.75 ? 'track' : roll < 0.9 ? 'page' : 'identify';
  const first = random.pick(PRODUCTS);
  const second = random.pick(PRODUCTS);
  const quantity = random.int(1, 3);
  const event: BenchEvent = {
    event_id: eventId,
    type,
    timestamp: new Date(now - random.int(0, 3000)).toISOString(),
    sent_at: new Date(now).toISOString(),
    identifiers,
    properties: {
      order_id: `A-${random.int(100_000, 999_999)}`,
      revenue: Math.round((first.price * quantity + second.price) * 100) / 100,
      currency: 'EUR',
      products: [
        { sku: `SKU-${random.int(10_000, 99_999)}`, ...first, quantity, variant: 'M' },
        { sku: `SKU-${random.int(10_000, 99_999)}`, ...second, quantity: 1, variant: 'L' },
      ],
      page: { path: random.pick(PATHS), referrer: 'https://www.google.com/', title: 'Shop' },
      campaign: { source: 'newsletter', medium: 'email', name: campaign },
    },
    context: {
      ip: `203.0.113.${random.int(1, 254)}`,
      user_agent: random.pick(AGENTS),
      locale: random.pick(LOCALES),
      library: { name: 'stratum-bench', version: '1.0.0' },
    },
  };
  if (type === 'track') event.name = random.pick(TRACK_NAMES);
  if (type === 'identify') {
    event.traits = {
      plan: random.pick(['free', 'pro', 'team']),
      lifecycle_stage: random.pick(['lead', 'customer', 'churn_risk']),
      orders_count: random.int(0, 40),
      last_campaign: campaign,
    };
  }
  return event;
}
