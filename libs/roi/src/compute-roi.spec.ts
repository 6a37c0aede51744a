import { computeRoi } from './compute-roi';
import { DEFAULT_ROI_INPUT, ROI_FIELDS, ROI_INPUT_KEYS } from './roi-fields';
import type { RoiInput } from './roi-input.schema';

const DEFAULTS: RoiInput = { ...DEFAULT_ROI_INPUT };

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('computeRoi', () => {
  it('tells the default story: a mid-market shop paying back in under four months', () => {
    expect(computeRoi(DEFAULTS)).toEqual({
      baselineRevenue: 531_250,
      incrementalGrossProfit: 10_625,
      adSavings: 6_000,
      cdpMonthlyCost: 4_000,
      netMonthlyBenefit: 12_625,
      roi: { applicable: true, percent: 315.625 },
      payback: { reached: true, months: 45_000 / 12_625 },
      firstYearNet: 106_500,
    });
  });

  it('shows a loss honestly: negative ROI, no payback, negative first year', () => {
    const result = computeRoi({
      monthlySessions: 10_000,
      conversionRatePercent: 1,
      averageOrderValue: 40,
      grossMarginPercent: 50,
      conversionUpliftPercent: 5,
      monthlyAdSpend: 1_000,
      adEfficiencyGainPercent: 5,
      cdpMonthlyCost: 500,
      implementationCost: 5_000,
    });
    expect(result.netMonthlyBenefit).toBe(-350);
    expect(result.roi).toEqual({ applicable: true, percent: -70 });
    expect(result.payback).toEqual({ reached: false, reason: 'benefit-not-positive' });
    expect(result.firstYearNet).toBe(-9_200);
  });

  it('does not call ROI a number when the CDP costs nothing', () => {
    const result = computeRoi({ ...DEFAULTS, cdpMonthlyCost: 0 });
    expect(result.netMonthlyBenefit).toBe(16_625);
    expect(result.roi).toEqual({ applicable: false, reason: 'no-cdp-cost' });
    expect(result.payback).toEqual({ reached: true, months: 45_000 / 16_625 });
  });

  it('has no payback at exact break-even, even through float noise', () => {
    const result = computeRoi({
      monthlySessions: 1,
      conversionRatePercent: 100,
      averageOrderValue: 1,
      grossMarginPercent: 100,
      conversionUpliftPercent: 20,
      monthlyAdSpend: 0.1,
      adEfficiencyGainPercent: 100,
      cdpMonthlyCost: 0.3,
      implementationCost: 1_000,
    });
    expect(result.netMonthlyBenefit).toBe(0);
    expect(result.payback.reached).toBe(false);
    expect(result.roi).toEqual({ applicable: true, percent: 0 });
  });

  it('pays back at once when there is no implementation cost', () => {
    expect(computeRoi({ ...DEFAULTS, implementationCost: 0 }).payback).toEqual({
      reached: true,
      months: 0,
    });
  });

  it('keeps every output finite at the largest inputs', () => {
    const largest = Object.fromEntries(
      ROI_INPUT_KEYS.map((key) => [key, ROI_FIELDS[key].max]),
    ) as RoiInput;
    const result = computeRoi(largest);
    expect(result.baselineRevenue).toBe(1e15);
    for (const value of numbersIn(result)) expect(Number.isFinite(value)).toBe(true);
  });

  it('keeps ROI and payback finite at the smallest cost against the largest benefit', () => {
    const largest = Object.fromEntries(
      ROI_INPUT_KEYS.map((key) => [key, ROI_FIELDS[key].max]),
    ) as RoiInput;
    const result = computeRoi({ ...largest, cdpMonthlyCost: 0.01 });
    expect(result.roi.applicable && Number.isFinite(result.roi.percent)).toBe(true);
    const tiny = computeRoi({
      ...DEFAULTS,
      monthlySessions: 0,
      monthlyAdSpend: 0.01,
      adEfficiencyGainPercent: 100,
      cdpMonthlyCost: 0,
      implementationCost: ROI_FIELDS.implementationCost.max,
    });
    expect(tiny.payback).toEqual({ reached: true, months: 1e10 });
  });

  it('returns zeros, not NaN, when every input is zero', () => {
    const zeros = Object.fromEntries(ROI_INPUT_KEYS.map((key) => [key, 0])) as RoiInput;
    const result = computeRoi(zeros);
    for (const value of numbersIn(result)) expect(value).toBe(0);
    expect(result.roi.applicable).toBe(false);
    expect(result.payback.reached).toBe(false);
  });
});
