import type { IdentifierType } from '@stratum/identity';

/** The map key of an identifier: type and hash, which together are unique per tenant. */
export function identifierKey(type: IdentifierType, hash: string): string {
  return `${type}:${hash}`;
}
