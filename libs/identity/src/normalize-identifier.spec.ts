import { normalizeIdentifier } from './normalize-identifier';
import type { IdentifierInput, NormalizeOptions } from './normalize-identifier';

// Vectors computed outside the code under test: printf %s '<normalized>' | sha256sum
const H = {
  janeEmail: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
  unicodeEmail: '24e0ea77c4e13430d0cbd8dd49967ceea068ab91aa17f4a09861f98b27a4787c',
  usPhone: '40d3f4e02db27d66cf4cfdda506c2c945f115a7955cc8491dda98ce5beabcda0',
  dePhone: '74bd805bcc47f8603082430ca056311389e38b74fcdfbc32bcb5c6a9269ff3bf',
  deMobile: '663a4322addcdcc2be9435bfd2505066dc1048b89d33e48f363119f18bdd71e8',
  gbPhone: 'f0bf0228144d9fe2bdf1da2d8ca698f17bf1410ee688b075c27062e47b6f0b6d',
  crm: '6d13fff3340c5488b8f08af77a8d0f500b28f366db56347a1ec9bb53b961d21a',
  crmUpper: '377125e0ace839a99f10b5412f835b1d698888bfb4ad44f4f8d7f1498d9a1576',
  anon: 'bf40bca6528bf60b2f8b7dd7f3ce47078e741c12d850162a7da2bcef453edd58',
  device: '052d0c1ea6656cdc084e8397227cd4f61e95b42a98fb37b76b3ed73ce05804a9',
  null: '74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b',
  nullUpper: 'fb329000228cc5a24c264c57139de8bf854fc86fc18bf1c04ab61a2b5cb4b921',
  nullTitle: 'fa1d2db62d4d952e2031452e1bc1ddcad0b192c2e29a706f11ce426ae5acddea',
  objectObject: 'b28c94b2195c8ed259f0b415aaee3f39b0b2920a4537611499fa044956917a21',
  zeros: '2ac9a6746aca543af8dff39894cfe8173afba21eb01c6fae33d52947222855ef',
  undefined: 'eb045d78d273107348b0300c01d29b7552d622abbc6faf81b3ec55359aa9950c',
  testEmail: '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b',
  noneEmail: '07da88b57052abe88733761a7a002454e512a3fd10531189c496c3462f5c2edc',
};

const US: NormalizeOptions = { defaultCountry: 'US' };
const DE: NormalizeOptions = { defaultCountry: 'DE' };

describe('normalizeIdentifier: accepted values hash to the test vectors', () => {
  it.each<[string, IdentifierInput, NormalizeOptions, string]>([
    ['plain email', { type: 'email', value: 'jane.doe@example.com' }, {}, H.janeEmail],
    ['email in upper case', { type: 'email', value: 'Jane.Doe@Example.COM' }, {}, H.janeEmail],
    ['email with spaces', { type: 'email', value: ' Jane.Doe@Example.COM \n' }, {}, H.janeEmail],
    ['unicode email', { type: 'email', value: 'José.Müller@Exämple.DE' }, {}, H.unicodeEmail],
    [
      'email containing a placeholder word',
      { type: 'email', value: 'none@example.com' },
      {},
      H.noneEmail,
    ],
    ['phone with +country code', { type: 'phone', value: '+1 (415) 555-0100' }, {}, H.usPhone],
    [
      'phone with +code ignores default country',
      { type: 'phone', value: '+1 415 555 0100' },
      DE,
      H.usPhone,
    ],
    [
      'phone in national format, default US',
      { type: 'phone', value: '(415) 555-0100' },
      US,
      H.usPhone,
    ],
    [
      'phone in national format, default DE',
      { type: 'phone', value: '030 1234567' },
      DE,
      H.dePhone,
    ],
    ['German mobile, default DE', { type: 'phone', value: '0151 23456789' }, DE, H.deMobile],
    ['UK phone with spaces around', { type: 'phone', value: '  +44 20 7946 0958 ' }, {}, H.gbPhone],
    ['phone as tel: URI', { type: 'phone', value: 'tel:+14155550100' }, {}, H.usPhone],
    [
      'phone with extension drops it',
      { type: 'phone', value: '+1 415 555 0100 ext 12' },
      {},
      H.usPhone,
    ],
    ['external_id trimmed', { type: 'external_id', value: '  crm-4711 ' }, {}, H.crm],
    ['external_id keeps case', { type: 'external_id', value: 'CRM-4711' }, {}, H.crmUpper],
    ['anonymous_id', { type: 'anonymous_id', value: 'b3f0c7e2' }, {}, H.anon],
    ['device_id keeps case', { type: 'device_id', value: '\tDevice-ABC-123 ' }, {}, H.device],
    ['pre-hashed email', { type: 'email', hash: H.janeEmail }, {}, H.janeEmail],
    ['pre-hashed phone', { type: 'phone', hash: H.usPhone }, {}, H.usPhone],
  ])('%s', (_label, input, options, expected) => {
    expect(normalizeIdentifier(input, options)).toEqual({
      ok: true,
      identifier: { type: input.type, hash: expected },
      placeholder: false,
    });
  });
});

describe('normalizeIdentifier: refused values', () => {
  it.each<[string, IdentifierInput, NormalizeOptions, 'value' | 'hash', string]>([
    ['empty email', { type: 'email', value: '' }, {}, 'value', 'EMPTY_VALUE'],
    ['blank phone', { type: 'phone', value: '   ' }, US, 'value', 'EMPTY_VALUE'],
    ['blank external_id', { type: 'external_id', value: ' \t ' }, {}, 'value', 'EMPTY_VALUE'],
    ['empty anonymous_id', { type: 'anonymous_id', value: '' }, {}, 'value', 'EMPTY_VALUE'],
    ['empty device_id', { type: 'device_id', value: '' }, {}, 'value', 'EMPTY_VALUE'],
    ['email without @', { type: 'email', value: 'jane.example.com' }, {}, 'value', 'INVALID_EMAIL'],
    [
      'email with two @',
      { type: 'email', value: 'jane@doe@example.com' },
      {},
      'value',
      'INVALID_EMAIL',
    ],
    [
      'email without local part',
      { type: 'email', value: '@example.com' },
      {},
      'value',
      'INVALID_EMAIL',
    ],
    [
      'email domain without dot',
      { type: 'email', value: 'jane@localhost' },
      {},
      'value',
      'INVALID_EMAIL',
    ],
    [
      'email domain with empty label',
      { type: 'email', value: 'jane@example..com' },
      {},
      'value',
      'INVALID_EMAIL',
    ],
    [
      'email domain ending in dot',
      { type: 'email', value: 'jane@example.' },
      {},
      'value',
      'INVALID_EMAIL',
    ],
    [
      'email with inner space',
      { type: 'email', value: 'jane doe@example.com' },
      {},
      'value',
      'INVALID_EMAIL',
    ],
    [
      'email with angle brackets',
      { type: 'email', value: '<jane@example.com>' },
      {},
      'value',
      'INVALID_EMAIL',
    ],
    [
      'email over 254 chars',
      { type: 'email', value: `${'a'.repeat(60)}@${'b'.repeat(200)}.com` },
      {},
      'value',
      'INVALID_EMAIL',
    ],
    [
      'email local part over 64',
      { type: 'email', value: `${'a'.repeat(65)}@example.com` },
      {},
      'value',
      'INVALID_EMAIL',
    ],
    ['unparseable phone', { type: 'phone', value: 'call me maybe' }, US, 'value', 'INVALID_PHONE'],
    ['letters only, no country', { type: 'phone', value: 'abc' }, {}, 'value', 'INVALID_PHONE'],
    ['too short phone', { type: 'phone', value: '+1 123' }, {}, 'value', 'INVALID_PHONE'],
    [
      'unknown calling code',
      { type: 'phone', value: '+999 1234567' },
      {},
      'value',
      'INVALID_PHONE',
    ],
    [
      'number invalid for default country',
      { type: 'phone', value: '12' },
      US,
      'value',
      'INVALID_PHONE',
    ],
    [
      'national format, no country',
      { type: 'phone', value: '(415) 555-0100' },
      {},
      'value',
      'PHONE_COUNTRY_REQUIRED',
    ],
    [
      'national format, unsupported country',
      { type: 'phone', value: '(415) 555-0100' },
      { defaultCountry: 'XX' },
      'value',
      'PHONE_COUNTRY_REQUIRED',
    ],
    [
      'hash in upper case',
      { type: 'email', hash: H.janeEmail.toUpperCase() },
      {},
      'hash',
      'INVALID_HASH',
    ],
    ['hash too short', { type: 'email', hash: H.janeEmail.slice(1) }, {}, 'hash', 'INVALID_HASH'],
    ['hash not hex', { type: 'email', hash: 'g'.repeat(64) }, {}, 'hash', 'INVALID_HASH'],
    ['hash with spaces', { type: 'email', hash: ` ${H.janeEmail}` }, {}, 'hash', 'INVALID_HASH'],
    [
      'both value and hash',
      { type: 'email', value: 'jane@example.com', hash: H.janeEmail },
      {},
      'hash',
      'INVALID_HASH',
    ],
    ['neither value nor hash', { type: 'external_id' }, {}, 'value', 'EMPTY_VALUE'],
  ])('%s', (_label, input, options, field, code) => {
    const result = normalizeIdentifier(input, options);
    expect(result).toMatchObject({ ok: false, error: { field, code } });
  });

  it.each<[IdentifierInput, NormalizeOptions]>([
    [{ type: 'email', value: 'secret.person@example' }, {}],
    [{ type: 'phone', value: '555-0199-secret' }, US],
    [{ type: 'phone', value: '5550199' }, {}],
    [{ type: 'email', hash: 'SECRETHASH' }, {}],
  ])('never repeats the submitted value in the message (%o)', (input, options) => {
    const result = normalizeIdentifier(input, options);
    if (result.ok) throw new Error('expected a refusal');
    const submitted = input.value ?? input.hash ?? '';
    expect(result.error.message).not.toContain(submitted);
    expect(result.error.message.toLowerCase()).not.toContain('secret');
    expect(result.error.message.length).toBeGreaterThan(0);
  });
});

describe('normalizeIdentifier: placeholders are flagged, not refused', () => {
  it.each<[string, IdentifierInput, NormalizeOptions, string]>([
    ['"null" external_id', { type: 'external_id', value: 'null' }, {}, H.null],
    [
      '"NULL" external_id keeps its case',
      { type: 'external_id', value: ' NULL ' },
      {},
      H.nullUpper,
    ],
    [
      '"undefined" email is a warning, not INVALID_EMAIL',
      { type: 'email', value: 'Undefined' },
      {},
      H.undefined,
    ],
    [
      '"[object Object]" anonymous_id',
      { type: 'anonymous_id', value: '[object Object]' },
      {},
      H.objectObject,
    ],
    ['zeros device_id', { type: 'device_id', value: '000' }, {}, H.zeros],
    ['zeros phone without country', { type: 'phone', value: '000' }, {}, H.zeros],
    [
      'tenant extra email',
      { type: 'email', value: 'TEST@example.com' },
      { extraPlaceholders: ['test@example.com'] },
      H.testEmail,
    ],
    ['pre-hashed "null"', { type: 'external_id', hash: H.null }, {}, H.null],
    ['pre-hashed "NULL"', { type: 'external_id', hash: H.nullUpper }, {}, H.nullUpper],
    ['pre-hashed "Null"', { type: 'external_id', hash: H.nullTitle }, {}, H.nullTitle],
    [
      'pre-hashed "[object Object]"',
      { type: 'external_id', hash: H.objectObject },
      {},
      H.objectObject,
    ],
    ['pre-hashed zeros', { type: 'device_id', hash: H.zeros }, {}, H.zeros],
    [
      'pre-hashed tenant extra',
      { type: 'email', hash: H.testEmail },
      { extraPlaceholders: [' Test@Example.com '] },
      H.testEmail,
    ],
  ])('%s', (_label, input, options, expected) => {
    expect(normalizeIdentifier(input, options)).toEqual({
      ok: true,
      identifier: { type: input.type, hash: expected },
      placeholder: true,
    });
  });

  it('flags a phone whose E.164 form is a tenant placeholder', () => {
    const result = normalizeIdentifier(
      { type: 'phone', value: '(415) 555-0100' },
      { defaultCountry: 'US', extraPlaceholders: ['+14155550100'] },
    );
    expect(result).toEqual({
      ok: true,
      identifier: { type: 'phone', hash: H.usPhone },
      placeholder: true,
    });
  });

  it('does not flag a real hash when the tenant has extra placeholders', () => {
    const result = normalizeIdentifier(
      { type: 'email', hash: H.janeEmail },
      { extraPlaceholders: ['test@example.com'] },
    );
    expect(result).toMatchObject({ ok: true, placeholder: false });
  });
});
