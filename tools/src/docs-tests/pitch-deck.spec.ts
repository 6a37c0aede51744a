import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ROI_INPUT, RoiInputSchema, computeRoi } from '@stratum/roi';

const deck = readFileSync(path.resolve(__dirname, '../../../docs/PITCH_DECK.md'), 'utf8');

const usd = (amount: number) => `$${amount.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

describe('docs/PITCH_DECK.md', () => {
  it('works the ROI example with the numbers libs/roi computes from the calculator defaults', () => {
    const input = RoiInputSchema.parse(DEFAULT_ROI_INPUT);
    const result = computeRoi(input);
    if (!result.roi.applicable || !result.payback.reached) throw new Error('defaults changed');
    for (const text of [
      input.monthlySessions.toLocaleString('en-US'),
      `${input.conversionRatePercent}%`,
      usd(input.averageOrderValue),
      `${input.grossMarginPercent}%`,
      `${input.conversionUpliftPercent}%`,
      usd(input.monthlyAdSpend),
      `${input.adEfficiencyGainPercent}%`,
      usd(input.cdpMonthlyCost),
      usd(input.implementationCost),
      usd(result.baselineRevenue),
      usd(result.incrementalGrossProfit),
      usd(result.adSavings),
      usd(result.netMonthlyBenefit),
      `ROI: ${Math.round(result.roi.percent)}%`,
      `Payback: ${result.payback.months.toFixed(1)} months`,
      `First-year net: ${usd(result.firstYearNet)}`,
    ]) {
      expect(deck).toContain(text);
    }
  });
});
