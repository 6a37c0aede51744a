import { createHash } from 'node:crypto';
import { generateApiKey, hashApiKey } from './api-key';

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
});
