import * as identity from './index';

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
    for (const value of Object.values(identity)) expect(value).toBeDefined();
  });

  it('normalizes with default options', () => {
    // printf %s 'crm-4711' | sha256sum
    expect(identity.normalizeIdentifier({ type: 'external_id', value: 'crm-4711' })).toEqual({
      ok: true,
      identifier: {
        type: 'external_id',
        hash: '6d13fff3340c5488b8f08af77a8d0f500b28f366db56347a1ec9bb53b961d21a',
      },
      placeholder: false,
    });
  });
});
