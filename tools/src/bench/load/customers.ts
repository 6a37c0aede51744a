import type { IdentifierType } from '@stratum/identity';

/**
 * The synthetic customers. Customer `i` has one email, one CRM id, one phone and, per device
 * `d`, an anonymous id and a device id. Customers below the loaded count exist before the
 * run with their email, CRM id and first anonymous id (see the bulk load, which builds the
 * same values in SQL); the rest are new people.
 */
export const customerIdentifiers = {
  email: (i: number) => `c${i}@bench.example`,
  external_id: (i: number) => `crm-${i}`,
  anonymous_id: (i: number, device: number) => `anon-${i}-${device}`,
  device_id: (i: number, device: number) => `dev-${i}-${device}`,
  // +1 212 NXX XXXX with NXX from 200: a valid New York number for each of 8 million customers.
  phone: (i: number) => {
    const exchange = 200 + (Math.floor(i / 10_000) % 800);
    const line = String(i % 10_000).padStart(4, '0');
    return `+1 (212) ${exchange}-${line}`;
  },
} as const;

/** The identifier types a loaded customer already has, and the SQL that builds each value. */
export const LOADED_IDENTIFIERS: readonly { type: IdentifierType; sql: string }[] = [
  { type: 'email', sql: `'c' || i || '@bench.example'` },
  { type: 'external_id', sql: `'crm-' || i` },
  { type: 'anonymous_id', sql: `'anon-' || i || '-0'` },
];

/** One identifier as an event carries it. */
export interface RawIdentifier {
  type: IdentifierType;
  value: string;
}

/** The identifier of `type` for customer `i` on `device`, written the way producers write it. */
export function identifierOf(
  type: IdentifierType,
  i: number,
  device: number,
  shout: boolean,
): RawIdentifier {
  switch (type) {
    case 'email': {
      // Producers send mixed case and blanks; normalization must find the same customer.
      const email = customerIdentifiers.email(i);
      return { type, value: shout ? ` ${email.toUpperCase()} ` : email };
    }
    case 'external_id':
      return { type, value: customerIdentifiers.external_id(i) };
    case 'phone':
      return { type, value: customerIdentifiers.phone(i) };
    case 'anonymous_id':
      return { type, value: customerIdentifiers.anonymous_id(i, device) };
    case 'device_id':
      return { type, value: customerIdentifiers.device_id(i, device) };
  }
}
