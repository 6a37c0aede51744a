import { AppError } from '@stratum/http';
import { normalizeIdentifier } from '@stratum/identity';
import type { IdentifierError } from '@stratum/identity';
import type { ProfileLookupQuery } from '@stratum/schemas';
import type { IdentifierKey } from './identifier.repository';

// libs/identity speaks of "the source" having no default country; here the caller can fix
// it with a parameter, so say which.
function messageFor(error: IdentifierError): string {
  return error.code === 'PHONE_COUNTRY_REQUIRED'
    ? 'has no country code: write it as +<country code>… or add default_country'
    : error.message;
}

/**
 * Turns a validated look-up query into the hashed key to search: a raw value is normalized
 * and hashed exactly as ingestion does (so `' Jane@Example.COM '` finds jane@example.com),
 * a hash is used as given. A value that cannot be normalized is a 400 whose message never
 * repeats it.
 */
export function identifierKeyFromQuery(query: ProfileLookupQuery): IdentifierKey {
  const { identifier_type: type, identifier_value: value, identifier_hash: hash } = query;
  if (hash !== undefined) return { type, hash };
  // ProfileLookupQuerySchema refuses these already; kept so the function is safe on its own.
  if (type === undefined || value === undefined) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'Give identifier_type and identifier_value, or identifier_hash',
    });
  }
  const result = normalizeIdentifier({ type, value }, { defaultCountry: query.default_country });
  if (!result.ok) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'The identifier value is invalid',
      errors: [{ path: 'identifier_value', message: messageFor(result.error) }],
    });
  }
  return { type, hash: result.identifier.hash };
}
