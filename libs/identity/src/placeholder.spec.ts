import { isPlaceholderHash, isPlaceholderValue } from './placeholder';

describe('isPlaceholderValue', () => {
  it.each([
    'null',
    'NULL',
    ' Null ',
    'undefined',
    'none',
    'NaN',
    'anonymous',
    'Unknown',
    'guest',
    '[object Object]',
    '-1',
    '0',
    '0000000000',
    '-',
    '----',
  ])('flags %p', (value) => {
    expect(isPlaceholderValue(value)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'nullable',
    'guest-42',
    '-2',
    '0-0',
    '1000',
    'jane@example.com',
    '+14155550100',
  ])('does not flag %p', (value) => {
    expect(isPlaceholderValue(value)).toBe(false);
  });

  it.each<[string, readonly string[], boolean]>([
    ['test@example.com', ['test@example.com'], true],
    ['TEST@example.com', [' Test@Example.COM '], true],
    ['n/a', ['n/a', 'tbd'], true],
    ['jane@example.com', ['test@example.com'], false],
    ['n/a', [], false],
  ])('tenant extra: %p in %p → %p', (value, extra, expected) => {
    expect(isPlaceholderValue(value, extra)).toBe(expected);
  });
});

describe('isPlaceholderHash', () => {
  // printf %s '<value>' | sha256sum
  it.each([
    ['null', '74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b'],
    ['undefined', 'eb045d78d273107348b0300c01d29b7552d622abbc6faf81b3ec55359aa9950c'],
    ['[object Object]', 'b28c94b2195c8ed259f0b415aaee3f39b0b2920a4537611499fa044956917a21'],
    ['000', '2ac9a6746aca543af8dff39894cfe8173afba21eb01c6fae33d52947222855ef'],
  ])('flags the hash of %p', (_value, hash) => {
    expect(isPlaceholderHash(hash)).toBe(true);
  });

  it('does not flag the hash of a real value', () => {
    // printf %s 'jane.doe@example.com' | sha256sum
    const jane = '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d';
    expect(isPlaceholderHash(jane)).toBe(false);
    expect(isPlaceholderHash(jane, [])).toBe(false);
    expect(isPlaceholderHash(jane, ['jane.doe@example.com'])).toBe(true);
  });

  it('reuses the hashes of the same extra list', () => {
    const extra = ['Test@Example.com'] as const;
    // printf %s 'test@example.com' | sha256sum
    const hash = '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b';
    expect(isPlaceholderHash(hash, extra)).toBe(true);
    expect(isPlaceholderHash(hash, extra)).toBe(true);
  });
});
