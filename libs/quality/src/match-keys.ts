import type { MatchKey } from '@stratum/schemas';

/** What scoring needs of an event: its identifiers' types, its context and properties. */
export interface MatchableEvent {
  identifiers: readonly { type: string }[];
  context?: Readonly<Record<string, unknown>>;
  properties?: Readonly<Record<string, unknown>>;
}

// Ad platforms' click ids: Meta (fbclid, and the fbc cookie built from it), Google (gclid,
// gbraid, wbraid, dclid), TikTok, Microsoft, LinkedIn, X, Snap, Pinterest, Reddit.
const CLICK_ID_NAMES = new Set([
  'fbclid',
  'fbc',
  'gclid',
  'gbraid',
  'wbraid',
  'dclid',
  'ttclid',
  'msclkid',
  'li_fat_id',
  'twclid',
  'sccid',
  'epik',
  'rdt_cid',
]);

const IDENTIFIER_KEYS: Partial<Record<string, MatchKey>> = {
  email: 'email',
  phone: 'phone',
  external_id: 'external_id',
};

/** The match keys one event carries. */
export function matchKeysOf(event: MatchableEvent): Set<MatchKey> {
  const keys = new Set<MatchKey>();
  for (const identifier of event.identifiers) {
    const key = IDENTIFIER_KEYS[identifier.type];
    if (key !== undefined) keys.add(key);
  }
  const context = event.context ?? {};
  const properties = event.properties ?? {};
  if (anyText(context.ip, context.ip_address, properties.$ip)) keys.add('ip');
  if (
    anyText(
      context.user_agent,
      context.userAgent,
      properties.$raw_user_agent,
      properties.$user_agent,
    )
  ) {
    keys.add('user_agent');
  }
  if (hasClickId(context, properties)) keys.add('click_id');
  return keys;
}

function anyText(...values: unknown[]): boolean {
  return values.some((value) => typeof value === 'string' && value.trim() !== '');
}

// Click ids arrive as fields (context, properties, context.campaign) or in the landing
// page's query string (Segment's context.page, PostHog's $current_url).
function hasClickId(
  context: Readonly<Record<string, unknown>>,
  properties: Readonly<Record<string, unknown>>,
): boolean {
  const page = asRecord(context.page);
  const holders = [context, properties, asRecord(context.campaign)];
  if (holders.some((holder) => Object.keys(holder).some(isClickIdField(holder)))) return true;
  const urls = [page.url, page.search, properties.url, properties.search, properties.$current_url];
  return urls.some((url) => typeof url === 'string' && queryHasClickId(url));
}

function isClickIdField(holder: Readonly<Record<string, unknown>>): (name: string) => boolean {
  return (name) => CLICK_ID_NAMES.has(name.toLowerCase()) && anyText(holder[name]);
}

function queryHasClickId(url: string): boolean {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : url;
  const params = new URLSearchParams(query.split('#')[0]);
  for (const [name, value] of params) {
    if (CLICK_ID_NAMES.has(name.toLowerCase()) && value.trim() !== '') return true;
  }
  return false;
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
