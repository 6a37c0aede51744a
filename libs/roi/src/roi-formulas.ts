import type { RoiInput } from './roi-input.schema';

/** ROI is a ratio to the CDP's cost, so it has no meaning when the CDP costs nothing. */
export type RoiPercent =
  { applicable: true; percent: number } | { applicable: false; reason: 'no-cdp-cost' };

/** The investment is only paid back by a positive monthly benefit. */
export type Payback =
  { reached: true; months: number } | { reached: false; reason: 'benefit-not-positive' };

/**
 * Rounds an amount of money to the cent. Every monetary output is rounded, so float noise
 * (`0.1 + 0.2 - 0.3`) never turns a zero benefit into a tiny positive one with a payback
 * of billions of months. Adding 0 turns -0 into 0, which would print as "-$0".
 */
export function roundToCents(amount: number): number {
  return Math.round(amount * 100) / 100 + 0;
}

/** Baseline revenue = sessions × conversion rate × average order value (per month). */
export function baselineRevenue(
  input: Pick<RoiInput, 'monthlySessions' | 'conversionRatePercent' | 'averageOrderValue'>,
): number {
  // Dividing by 100 last keeps exact products exact (250,000 × 2.5 × 85).
  return roundToCents(
    (input.monthlySessions * input.conversionRatePercent * input.averageOrderValue) / 100,
  );
}

/** Incremental gross profit = baseline revenue × conversion uplift × gross margin. */
export function incrementalGrossProfit(
  baseline: number,
  input: Pick<RoiInput, 'conversionUpliftPercent' | 'grossMarginPercent'>,
): number {
  return roundToCents(
    (baseline * input.conversionUpliftPercent * input.grossMarginPercent) / 10_000,
  );
}

/** Ad savings = monthly ad spend × ad efficiency gain. */
export function adSavings(
  input: Pick<RoiInput, 'monthlyAdSpend' | 'adEfficiencyGainPercent'>,
): number {
  return roundToCents((input.monthlyAdSpend * input.adEfficiencyGainPercent) / 100);
}

/** Net monthly benefit = incremental gross profit + ad savings − CDP monthly cost. */
export function netMonthlyBenefit(
  incrementalProfit: number,
  savings: number,
  cdpMonthlyCost: number,
): number {
  return roundToCents(incrementalProfit + savings - cdpMonthlyCost);
}

/** ROI % = net monthly benefit / CDP monthly cost × 100; not applicable at zero cost. */
export function roiPercent(netBenefit: number, cdpMonthlyCost: number): RoiPercent {
  if (cdpMonthlyCost <= 0) return { applicable: false, reason: 'no-cdp-cost' };
  return { applicable: true, percent: (netBenefit / cdpMonthlyCost) * 100 };
}

/** Payback months = implementation cost / net monthly benefit; none unless the benefit is positive. */
export function paybackMonths(implementationCost: number, netBenefit: number): Payback {
  if (netBenefit <= 0) return { reached: false, reason: 'benefit-not-positive' };
  return { reached: true, months: implementationCost / netBenefit };
}

/** First-year net = 12 × net monthly benefit − implementation cost. */
export function firstYearNet(netBenefit: number, implementationCost: number): number {
  return roundToCents(12 * netBenefit - implementationCost);
}
