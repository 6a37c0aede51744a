import {
  adSavings,
  baselineRevenue,
  firstYearNet,
  incrementalGrossProfit,
  netMonthlyBenefit,
  paybackMonths,
  roiPercent,
} from './roi-formulas';
import type { Payback, RoiPercent } from './roi-formulas';
import type { RoiInput } from './roi-input.schema';

/** Every output of the model; money is per month unless named otherwise. */
export interface RoiResult {
  baselineRevenue: number;
  incrementalGrossProfit: number;
  adSavings: number;
  cdpMonthlyCost: number;
  netMonthlyBenefit: number;
  roi: RoiPercent;
  payback: Payback;
  firstYearNet: number;
}

/**
 * Runs the whole model on validated inputs. Within the schema's ranges every number in
 * the result is finite.
 */
export function computeRoi(input: RoiInput): RoiResult {
  const baseline = baselineRevenue(input);
  const incremental = incrementalGrossProfit(baseline, input);
  const savings = adSavings(input);
  const net = netMonthlyBenefit(incremental, savings, input.cdpMonthlyCost);
  return {
    baselineRevenue: baseline,
    incrementalGrossProfit: incremental,
    adSavings: savings,
    cdpMonthlyCost: input.cdpMonthlyCost,
    netMonthlyBenefit: net,
    roi: roiPercent(net, input.cdpMonthlyCost),
    payback: paybackMonths(input.implementationCost, net),
    firstYearNet: firstYearNet(net, input.implementationCost),
  };
}
