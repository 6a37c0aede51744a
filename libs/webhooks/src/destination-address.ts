import ipaddr from 'ipaddr.js';

/** Why a destination's URL or address is refused. */
export type RefusedDestination =
  'not_a_url' | 'scheme' | 'credentials' | 'private_address' | 'local_name';

export type DestinationCheck = { ok: true; url: URL } | { ok: false; reason: RefusedDestination };

/**
 * Whether an IP address is public unicast: not private, loopback, link-local, unique-local,
 * carrier-grade NAT, multicast, reserved, or an IPv6 form that embeds an IPv4 one. Only
 * `unicast` passes: a new special range is refused until it is understood.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // `::ffff:10.0.0.1` is 10.0.0.1: judge the IPv4 inside.
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

/**
 * Checks a destination URL before it is stored: http(s) only, no user name or password in
 * it, and unless private targets are allowed, no literal private address and no local
 * name. A host name's addresses are checked again when a delivery resolves them.
 */
export function checkDestinationUrl(value: string, allowPrivate: boolean): DestinationCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'not_a_url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  if (allowPrivate) return { ok: true, url };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.isValid(host)) {
    return isPublicAddress(host) ? { ok: true, url } : { ok: false, reason: 'private_address' };
  }
  if (isLocalName(host)) return { ok: false, reason: 'local_name' };
  return { ok: true, url };
}

// Names that resolve inside the host or its network by convention, whatever DNS says.
function isLocalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name.endsWith('.local') ||
    name.endsWith('.internal') ||
    !name.includes('.')
  );
}
