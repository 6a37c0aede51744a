import {
  currencySymbol,
  formatCount,
  formatInputMoney,
  formatMoney,
  formatPayback,
  formatPercent,
  formatRoi,
} from './format-result';

const US = { locale: 'en-US', currency: 'USD' } as const;
// Intl separates groups in some locales with no-break spaces; compare on plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it.each([
    [106_500, US, '$106,500'],
    [-9_200, US, '-$9,200'],
    [1234.56, US, '$1,235'],
    [106_500, { locale: 'de-DE', currency: 'EUR' }, '106.500 €'],
    [106_500, { locale: 'en-GB', currency: 'GBP' }, '£106,500'],
    [1234, { locale: 'ja-JP', currency: 'JPY' }, '￥1,234'],
    [1.2e15, US, '$1200T'],
    [2.5e9, US, '$2.5B'],
  ] as const)('formats %d as %s', (amount, style, expected) => {
    expect(plain(formatMoney(amount, style))).toBe(expected);
  });
});

describe('formatInputMoney', () => {
  it('keeps cents the model used', () => {
    expect(formatInputMoney(85.5, US)).toBe('$85.5');
    expect(formatInputMoney(85, US)).toBe('$85');
  });
});

describe('formatCount', () => {
  it('groups digits by locale', () => {
    expect(formatCount(250_000, 'en-US')).toBe('250,000');
    expect(formatCount(250_000, 'de-DE')).toBe('250.000');
  });
});

describe('formatPercent', () => {
  it.each([
    [2.5, 'en-US', '2.5%'],
    [315.625, 'en-US', '316%'],
    [-70, 'en-US', '-70%'],
    [315.625, 'de-DE', '316 %'],
    [1e17, 'en-US', '100,000T%'],
  ])('formats %d in %s as %s', (value, locale, expected) => {
    expect(plain(formatPercent(value, locale))).toBe(expected);
  });
});

describe('formatRoi', () => {
  it('shows a percentage or says it does not apply', () => {
    expect(formatRoi({ applicable: true, percent: 200 }, 'en-US')).toBe('200%');
    expect(formatRoi({ applicable: false, reason: 'no-cdp-cost' }, 'en-US')).toBe('Not applicable');
  });
});

describe('formatPayback', () => {
  it.each([
    [3.564, '3.6 months'],
    [1, '1 month'],
    [0, 'Immediate'],
    [0.01, 'Under 0.1 months'],
    [30, '2.5 years'],
    [1e10, 'Over 100 years'],
  ])('formats %d months as %s', (months, expected) => {
    expect(formatPayback({ reached: true, months }, 'en-US')).toBe(expected);
  });

  it('says when there is no payback', () => {
    expect(formatPayback({ reached: false, reason: 'benefit-not-positive' }, 'en-US')).toBe(
      'No payback',
    );
  });

  it('uses the locale for the unit', () => {
    expect(plain(formatPayback({ reached: true, months: 3.564 }, 'fr-FR'))).toBe('3,6 mois');
  });
});

describe('currencySymbol', () => {
  it('gives the narrow symbol of the currency', () => {
    expect(currencySymbol(US)).toBe('$');
    expect(currencySymbol({ locale: 'de-DE', currency: 'EUR' })).toBe('€');
    expect(currencySymbol({ locale: 'en-US', currency: 'CHF' })).toBe('CHF');
  });
});
