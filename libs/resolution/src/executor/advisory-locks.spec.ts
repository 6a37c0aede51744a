import { identifierLockKey, identifierLockKeys } from './advisory-locks';

const TENANT = '11111111-1111-4111-8111-111111111111';
const ids = ['a', 'b', 'c', 'd', 'e'].map((c) => ({ type: 'email' as const, hash: c.repeat(64) }));

describe('identifierLockKeys', () => {
  it('gives each identifier its key once, in ascending order', () => {
    const keys = identifierLockKeys(TENANT, [...ids, ids[0]!, ids[3]!]);
    expect(keys).toHaveLength(5);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(keys)).toEqual(new Set(ids.map((i) => identifierLockKey(TENANT, i))));
  });

  it('keys the same identifier apart in another tenant', () => {
    const other = '22222222-2222-4222-8222-222222222222';
    expect(identifierLockKey(other, ids[0]!)).not.toBe(identifierLockKey(TENANT, ids[0]!));
  });
});
