import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPublicAddress } from '@stratum/webhooks';

/** The error code of an address refused by {@link publicOnlyLookup}. */
export const REFUSED_ADDRESS = 'ERR_CDP_PRIVATE_ADDRESS';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request that resolves as usual and refuses the connection when any
 * address of the name is not public: the address checked is the address connected to, so a
 * name re-pointed between a check and the request (DNS rebinding) changes nothing.
 */
export const publicOnlyLookup = ((
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address))) {
      const refused: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to a non-public address`,
      );
      refused.code = REFUSED_ADDRESS;
      callback(refused, []);
      return;
    }
    if (options.all === true) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}) as LookupFunction;
