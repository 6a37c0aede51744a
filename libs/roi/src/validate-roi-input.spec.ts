import { DEFAULT_ROI_INPUT } from './roi-fields';
import { validateRoiInput } from './validate-roi-input';

const TYPED = {
  monthlySessions: '250,000',
  conversionRatePercent: '2,5',
  averageOrderValue: '$85',
  grossMarginPercent: '40%',
  conversionUpliftPercent: '5',
  monthlyAdSpend: '60 000',
  adEfficiencyGainPercent: '10',
  cdpMonthlyCost: '4000',
  implementationCost: '45.000,00',
};

describe('validateRoiInput', () => {
  it('turns a typed draft into the numbers of the model', () => {
    expect(validateRoiInput(TYPED)).toEqual({ ok: true, input: DEFAULT_ROI_INPUT });
  });

  it('accepts numbers as they are', () => {
    expect(validateRoiInput(DEFAULT_ROI_INPUT)).toEqual({ ok: true, input: DEFAULT_ROI_INPUT });
  });

  it('gives each invalid field one message, its first problem', () => {
    const result = validateRoiInput({
      ...TYPED,
      monthlySessions: '-1.5',
      conversionRatePercent: '120',
      averageOrderValue: 'abc',
      cdpMonthlyCost: '',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        monthlySessions: 'Monthly sessions cannot be negative.',
        conversionRatePercent: 'Conversion rate must be at most 100%.',
        averageOrderValue: 'Average order value must be a number, such as 85.',
        cdpMonthlyCost: 'CDP monthly cost is required.',
      },
    });
  });

  it('reports every missing field of an empty draft', () => {
    const result = validateRoiInput({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toHaveLength(9);
  });

  it('never puts the typed value in a message', () => {
    const result = validateRoiInput({ ...TYPED, averageOrderValue: 'jane@example.com' });
    expect(JSON.stringify(result)).not.toContain('jane');
  });
});
