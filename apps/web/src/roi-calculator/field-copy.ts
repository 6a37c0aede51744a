import type { RoiInputKey } from '@stratum/roi';

/** What each input means to a visitor, in one line. */
export const FIELD_HINTS: Readonly<Record<RoiInputKey, string>> = {
  monthlySessions: 'Visits to your site or app in a typical month.',
  conversionRatePercent: 'Share of sessions that end in an order.',
  averageOrderValue: 'Average revenue per order.',
  grossMarginPercent: 'Gross profit as a share of revenue.',
  conversionUpliftPercent: 'Relative lift from better targeting and personalization.',
  monthlyAdSpend: 'Paid media budget per month.',
  adEfficiencyGainPercent: 'Spend no longer wasted on known customers and duplicate audiences.',
  cdpMonthlyCost: 'Hosting and running the CDP, people included.',
  implementationCost: 'Integration work, paid once.',
};

/** The inputs in the order a visitor thinks about them. */
export const FIELD_GROUPS: readonly { title: string; keys: readonly RoiInputKey[] }[] = [
  {
    title: 'Your business today',
    keys: [
      'monthlySessions',
      'conversionRatePercent',
      'averageOrderValue',
      'grossMarginPercent',
      'monthlyAdSpend',
    ],
  },
  { title: 'Expected impact', keys: ['conversionUpliftPercent', 'adEfficiencyGainPercent'] },
  { title: 'Costs', keys: ['cdpMonthlyCost', 'implementationCost'] },
];

/** The id of a field's input, also the target of the "fix this" links. */
export function fieldInputId(key: RoiInputKey): string {
  return `roi-${key}`;
}
