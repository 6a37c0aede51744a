import { DEFAULT_STATE, isDefaultState, stateFromQuery, stateToQuery } from './calculator-state';

describe('stateFromQuery', () => {
  it('gives the example inputs in dollars for an empty query', () => {
    expect(stateFromQuery('')).toEqual(DEFAULT_STATE);
    expect(DEFAULT_STATE.values.monthlySessions).toBe('250000');
    expect(DEFAULT_STATE.values.conversionRatePercent).toBe('2.5');
    expect(DEFAULT_STATE.currency).toBe('USD');
  });

  it('reads the fields it names and keeps defaults for the rest', () => {
    const state = stateFromQuery('sessions=120000&aov=64.5&currency=EUR');
    expect(state.values.monthlySessions).toBe('120000');
    expect(state.values.averageOrderValue).toBe('64.5');
    expect(state.values.grossMarginPercent).toBe('40');
    expect(state.currency).toBe('EUR');
  });

  it('accepts a lowercase currency and ignores an unknown one', () => {
    expect(stateFromQuery('currency=gbp').currency).toBe('GBP');
    expect(stateFromQuery('currency=XYZ').currency).toBe('USD');
  });

  it('keeps invalid text, trimmed and cut short, so the link shows the same error', () => {
    expect(stateFromQuery('conversion=%20abc%20').values.conversionRatePercent).toBe('abc');
    expect(stateFromQuery(`sessions=${'9'.repeat(100)}`).values.monthlySessions).toHaveLength(32);
  });

  it('ignores parameters it does not know', () => {
    expect(stateFromQuery('utm_source=newsletter')).toEqual(DEFAULT_STATE);
  });
});

describe('stateToQuery', () => {
  it('writes nothing for the defaults, so a reset clears the address', () => {
    expect(stateToQuery(DEFAULT_STATE)).toBe('');
    expect(isDefaultState({ ...DEFAULT_STATE })).toBe(true);
  });

  it('writes every field and the currency once anything differs', () => {
    const query = stateToQuery({
      ...DEFAULT_STATE,
      values: { ...DEFAULT_STATE.values, monthlySessions: ' 1000 ' },
    });
    expect(query).toBe(
      'sessions=1000&conversion=2.5&aov=85&margin=40&uplift=5&adSpend=60000&adGain=10&cdpCost=4000&setupCost=45000&currency=USD',
    );
  });

  it('treats a currency change alone as a change', () => {
    const state = { ...DEFAULT_STATE, currency: 'JPY' as const };
    expect(isDefaultState(state)).toBe(false);
    expect(stateToQuery(state)).toContain('currency=JPY');
  });

  it('round-trips through the query, text included', () => {
    const state = {
      values: { ...DEFAULT_STATE.values, averageOrderValue: '1.234,50', cdpMonthlyCost: 'x' },
      currency: 'CHF' as const,
    };
    expect(stateFromQuery(stateToQuery(state))).toEqual(state);
  });
});
