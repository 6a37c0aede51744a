import { normalizeEmail } from './normalize-email';
import { normalizeIdentifierValue } from './normalize-identifier';
import { normalizePhone } from './normalize-phone';

describe('normalizeIdentifierValue (before hashing)', () => {
  it.each([
    ['email', ' Jane.Doe@Example.COM ', 'jane.doe@example.com'],
    ['email', 'José.Müller@Exämple.DE', 'josé.müller@exämple.de'],
    ['phone', '+1 (415) 555-0100', '+14155550100'],
    ['external_id', ' CRM-4711 ', 'CRM-4711'],
    ['anonymous_id', 'b3f0c7e2', 'b3f0c7e2'],
    ['device_id', ' Device-ABC ', 'Device-ABC'],
  ] as const)('%s %p → %p', (type, raw, expected) => {
    expect(normalizeIdentifierValue(type, raw)).toEqual({ ok: true, value: expected });
  });

  it('reads national phone numbers in the default country', () => {
    expect(normalizeIdentifierValue('phone', '030 1234567', { defaultCountry: 'DE' })).toEqual({
      ok: true,
      value: '+49301234567',
    });
  });

  it('refuses an empty email and phone on their own', () => {
    expect(normalizeEmail(' ')).toMatchObject({ ok: false, code: 'EMPTY_VALUE' });
    expect(normalizePhone('')).toMatchObject({ ok: false, code: 'EMPTY_VALUE' });
  });
});
