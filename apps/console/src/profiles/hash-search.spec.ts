import { sha256Hex } from '@stratum/identity';
import { hashSearch } from './hash-search';

describe('hashSearch', () => {
  it('normalizes and hashes as ingestion does', () => {
    expect(hashSearch('email', '  Ann@Example.COM ')).toEqual({
      ok: true,
      type: 'email',
      hash: sha256Hex('ann@example.com'),
    });
    expect(hashSearch('phone', '+1 415 555 0100')).toEqual({
      ok: true,
      type: 'phone',
      hash: sha256Hex('+14155550100'),
    });
  });

  it('refuses an unknown type and a malformed value without repeating the value', () => {
    expect(hashSearch('ssn', 'x')).toEqual({
      ok: false,
      message: 'Choose one of: email, phone, external_id, anonymous_id, device_id.',
    });
    const refused = hashSearch('phone', '415-secret');
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).not.toContain('secret');
  });
});
