import { isSupportedCountry, ParseError, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { PhoneNumber } from 'libphonenumber-js/max';
import type { ValueResult } from './identifier-error';

// The full ("max") metadata validates the digits themselves, as Google's libphonenumber
// does; the default metadata only checks lengths and would accept unassigned ranges.

const INVALID: ValueResult = {
  ok: false,
  code: 'INVALID_PHONE',
  message: 'is not a valid phone number',
};

const COUNTRY_REQUIRED: ValueResult = {
  ok: false,
  code: 'PHONE_COUNTRY_REQUIRED',
  message: 'has no country code and the source has no default country',
};

/**
 * Parses a phone number to E.164 (`+14155550100`). A number written without a country
 * code is read in `defaultCountry` (ISO 3166 alpha-2); without a supported default
 * country it is refused with `PHONE_COUNTRY_REQUIRED`. An extension is dropped.
 */
export function normalizePhone(raw: string, defaultCountry?: string): ValueResult {
  const value = raw.trim();
  if (value === '') return { ok: false, code: 'EMPTY_VALUE', message: 'must not be empty' };
  const country =
    defaultCountry !== undefined && isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  let phone: PhoneNumber;
  try {
    phone = parsePhoneNumberWithError(value, country);
  } catch (error) {
    // The library reports a missing country and an unknown calling code ("+999") alike.
    const noCountry =
      error instanceof ParseError &&
      error.message === 'INVALID_COUNTRY' &&
      country === undefined &&
      !value.includes('+');
    return noCountry ? COUNTRY_REQUIRED : INVALID;
  }
  return phone.isValid() ? { ok: true, value: phone.number } : INVALID;
}
