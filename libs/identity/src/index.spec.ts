import * as identity from './index';

// The spec's own example values, hashed with `printf %s '<normalized>' | sha256sum`.
const JANE_EMAIL = '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d';
const US_PHONE = '40d3f4e02db27d66cf4cfdda506c2c945f115a7955cc8491dda98ce5beabcda0';
const CRM_4711 = '6d13fff3340c5488b8f08af77a8d0f500b28f366db56347a1ec9bb53b961d21a';

describe('@stratum/identity public face', () => {
  it('exports the documented API', () => {
    expect(Object.keys(identity).sort()).toEqual([
      'BUILT_IN_PLACEHOLDERS',
      'IDENTIFIER_PRIORITY',
      'IDENTIFIER_TYPES',
      'compareIdentifierPriority',
      'isIdentifierType',
      'isPlaceholderHash',
      'isPlaceholderValue',
      'isSha256Hex',
      'normalizeEmail',
      'normalizeIdentifier',
      'normalizeIdentifierValue',
      'normalizePhone',
      'sha256Hex',
    ]);
  });

  it.each([
    ['email', ' Jane.Doe@Example.COM ', JANE_EMAIL],
    ['phone', '+1 (415) 555-0100', US_PHONE],
    ['external_id', ' crm-4711 ', CRM_4711],
  ] as const)('normalizes and hashes a %s with default options', (type, value, hash) => {
    expect(identity.normalizeIdentifier({ type, value })).toEqual({
      ok: true,
      identifier: { type, hash },
      placeholder: false,
    });
  });

  it('hashes with SHA-256 as lowercase hex', () => {
    expect(identity.sha256Hex('jane.doe@example.com')).toBe(JANE_EMAIL);
    expect(identity.isSha256Hex(JANE_EMAIL)).toBe(true);
    expect(identity.isSha256Hex(JANE_EMAIL.toUpperCase())).toBe(false);
  });

  it('flags a placeholder value and its hash', () => {
    expect(identity.normalizeIdentifier({ type: 'anonymous_id', value: 'null' })).toMatchObject({
      ok: true,
      placeholder: true,
    });
    expect(identity.isPlaceholderHash(identity.sha256Hex('undefined'))).toBe(true);
    expect(identity.isPlaceholderHash(CRM_4711)).toBe(false);
  });

  it('ranks external_id above email above anonymous_id', () => {
    const types = ['anonymous_id', 'email', 'external_id'] as const;
    expect([...types].sort(identity.compareIdentifierPriority)).toEqual([
      'external_id',
      'email',
      'anonymous_id',
    ]);
  });
});
