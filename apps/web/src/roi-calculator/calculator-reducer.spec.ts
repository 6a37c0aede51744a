import { calculatorReducer } from './calculator-reducer';
import { DEFAULT_STATE } from './calculator-state';

describe('calculatorReducer', () => {
  it('edits one field and leaves the others', () => {
    const next = calculatorReducer(DEFAULT_STATE, {
      type: 'edit',
      key: 'monthlySessions',
      text: '9',
    });
    expect(next.values.monthlySessions).toBe('9');
    expect(next.values.averageOrderValue).toBe(DEFAULT_STATE.values.averageOrderValue);
    expect(DEFAULT_STATE.values.monthlySessions).toBe('250000');
  });

  it('changes the currency', () => {
    expect(calculatorReducer(DEFAULT_STATE, { type: 'currency', currency: 'EUR' }).currency).toBe(
      'EUR',
    );
  });

  it('resets to the defaults', () => {
    const edited = calculatorReducer(
      calculatorReducer(DEFAULT_STATE, { type: 'currency', currency: 'EUR' }),
      { type: 'edit', key: 'grossMarginPercent', text: '' },
    );
    expect(calculatorReducer(edited, { type: 'reset' })).toEqual(DEFAULT_STATE);
  });
});
