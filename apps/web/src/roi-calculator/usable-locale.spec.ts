import { usableLocale } from './usable-locale';

describe('usableLocale', () => {
  it.each([
    ['de-DE', 'de-DE'],
    ['fr', 'fr'],
    ['en-US@posix', 'en-US'],
    ['de_DE.UTF-8', 'de-DE'],
    ['de-DE.UTF-8', 'de-DE'],
    ['pt_BR', 'pt-BR'],
    ['', 'en-US'],
    ['xx-invalid-!!', 'en-US'],
    ['C', 'en-US'],
    [undefined, 'en-US'],
  ])('turns %p into %p', (tag, expected) => {
    expect(usableLocale(tag)).toBe(expected);
  });

  it.each(['en-US@posix', 'de_DE.UTF-8', '', 'xx-invalid-!!'])(
    'gives a tag Intl.NumberFormat accepts for %p, which it rejects as is',
    (tag) => {
      expect(() => new Intl.NumberFormat(tag)).toThrow(RangeError);
      expect(() => new Intl.NumberFormat(usableLocale(tag)).format(1)).not.toThrow();
    },
  );
});
