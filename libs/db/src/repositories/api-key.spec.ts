import { createHash } from 'node:crypto';
import { generateApiKey, hashApiKey, isApiKeyScope, looksLikeApiKey } from './api-key';

describe('API keys', () => {
  it.each(['cdp_wk_', 'cdp_sk_'] as const)(
    'generates %s keys of 32 random bytes in base64url',
    (prefix) => {
      const generated = generateApiKey(prefix);
      expect(generated.key).toMatch(new RegExp(`^${prefix}[A-Za-z0-9_-]{43}$`));
      expect(Buffer.from(generated.key.slice(prefix.length), 'base64url')).toHaveLength(32);
      expect(generated.keyPrefix).toBe(prefix);
      expect(generated.keyHint).toBe(generated.key.slice(0, prefix.length + 4));
      expect(generated.keyHash).toBe(createHash('sha256').update(generated.key).digest('hex'));
      expect(generateApiKey(prefix).key).not.toBe(generated.key);
    },
  );

  it('hashes the whole key string as lowercase hex SHA-256', () => {
    expect(hashApiKey('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it.each([
    [generateApiKey('cdp_wk_').key, true],
    [generateApiKey('cdp_sk_').key, true],
    ['cdp_xx_' + 'a'.repeat(43), false],
    ['cdp_wk_' + 'a'.repeat(42), false],
    ['cdp_wk_' + 'a'.repeat(42) + '=', false],
    ['', false],
  ])('recognises the shape of %p: %p', (value, expected) => {
    expect(looksLikeApiKey(value)).toBe(expected);
  });

  it.each([
    ['events:write', true],
    ['admin', true],
    ['profiles:write', false],
    ['', false],
  ])('knows whether %p is a scope', (value, expected) => {
    expect(isApiKeyScope(value)).toBe(expected);
  });
});
