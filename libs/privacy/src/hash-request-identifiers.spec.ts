import { sha256Hex } from '@stratum/identity';
import { hashRequestIdentifiers } from './hash-request-identifiers';

describe('hashRequestIdentifiers', () => {
  it('normalizes and hashes as ingestion does, and counts the same identifier once', () => {
    expect(
      hashRequestIdentifiers([
        { type: 'email', value: ' Jane.Doe@Example.COM ' },
        { type: 'email', hash: sha256Hex('jane.doe@example.com') },
        { type: 'phone', value: '+1 (415) 555-0100' },
        { type: 'external_id', value: ' crm-4711 ' },
      ]),
    ).toEqual({
      ok: true,
      identifiers: [
        { type: 'email', hash: sha256Hex('jane.doe@example.com') },
        { type: 'phone', hash: sha256Hex('+14155550100') },
        { type: 'external_id', hash: sha256Hex('crm-4711') },
      ],
    });
  });

  it.each([
    [{ type: 'email' as const, value: 'not-an-email' }, 'identifiers.0.value'],
    [{ type: 'phone' as const, value: '415 555 0100' }, 'identifiers.0.value'],
    [{ type: 'device_id' as const, hash: 'F'.repeat(64) }, 'identifiers.0.hash'],
  ])('refuses %j naming %s, never the value', (input, path) => {
    const result = hashRequestIdentifiers([input]);
    expect(result).toEqual({ ok: false, issues: [{ path, message: expect.any(String) }] });
    expect(JSON.stringify(result)).not.toMatch(/not-an-email|555 0100/);
  });
});

it('asks for the country code of a phone number: a request has no source to lend one', () => {
  expect(hashRequestIdentifiers([{ type: 'phone', value: '(415) 555-0100' }])).toEqual({
    ok: false,
    issues: [
      {
        path: 'identifiers.0.value',
        message:
          'has no country code: write it in international form, + and the country code first',
      },
    ],
  });
});
