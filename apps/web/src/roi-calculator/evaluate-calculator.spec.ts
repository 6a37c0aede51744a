import { DEFAULT_STATE } from './calculator-state';
import { evaluateCalculator } from './evaluate-calculator';

describe('evaluateCalculator', () => {
  it('computes the example', () => {
    const outcome = evaluateCalculator(DEFAULT_STATE);
    expect(outcome.ok && outcome.result.firstYearNet).toBe(106_500);
  });

  it('returns the errors instead of a result when a field is invalid', () => {
    const outcome = evaluateCalculator({
      ...DEFAULT_STATE,
      values: { ...DEFAULT_STATE.values, grossMarginPercent: '140' },
    });
    expect(outcome).toEqual({
      ok: false,
      errors: { grossMarginPercent: 'Gross margin must be at most 100%.' },
    });
  });
});
