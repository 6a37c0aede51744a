import type { RoiInput, RoiResult } from '@stratum/roi';
import type { CalculatorOutcome } from './evaluate-calculator';
import {
  formatCount,
  formatInputMoney,
  formatMoney,
  formatPayback,
  formatPercent,
  formatRoi,
} from './format-result';
import type { NumberStyle } from './format-result';

interface Step {
  name: string;
  formula: string;
  worked: (input: RoiInput, result: RoiResult, style: NumberStyle) => string;
}

const pct = (value: number, style: NumberStyle) => formatPercent(value, style.locale);

const STEPS: readonly Step[] = [
  {
    name: 'Baseline revenue',
    formula: 'monthly sessions × conversion rate × average order value',
    worked: (i, r, s) =>
      `${formatCount(i.monthlySessions, s.locale)} × ${pct(i.conversionRatePercent, s)} × ${formatInputMoney(i.averageOrderValue, s)} = ${formatMoney(r.baselineRevenue, s)}`,
  },
  {
    name: 'Incremental gross profit',
    formula: 'baseline revenue × conversion uplift × gross margin',
    worked: (i, r, s) =>
      `${formatMoney(r.baselineRevenue, s)} × ${pct(i.conversionUpliftPercent, s)} × ${pct(i.grossMarginPercent, s)} = ${formatMoney(r.incrementalGrossProfit, s)}`,
  },
  {
    name: 'Ad savings',
    formula: 'monthly ad spend × ad efficiency gain',
    worked: (i, r, s) =>
      `${formatInputMoney(i.monthlyAdSpend, s)} × ${pct(i.adEfficiencyGainPercent, s)} = ${formatMoney(r.adSavings, s)}`,
  },
  {
    name: 'Net monthly benefit',
    formula: 'incremental gross profit + ad savings − CDP monthly cost',
    worked: (_i, r, s) =>
      `${formatMoney(r.incrementalGrossProfit, s)} + ${formatMoney(r.adSavings, s)} − ${formatMoney(r.cdpMonthlyCost, s)} = ${formatMoney(r.netMonthlyBenefit, s)}`,
  },
  {
    name: 'ROI',
    formula:
      'net monthly benefit ÷ CDP monthly cost × 100 (not applicable when the CDP costs nothing)',
    worked: (_i, r, s) =>
      r.roi.applicable
        ? `${formatMoney(r.netMonthlyBenefit, s)} ÷ ${formatMoney(r.cdpMonthlyCost, s)} = ${formatRoi(r.roi, s.locale)}`
        : 'Not applicable: the CDP monthly cost is zero.',
  },
  {
    name: 'Payback',
    formula: 'implementation cost ÷ net monthly benefit (none when the benefit is not positive)',
    worked: (i, r, s) =>
      r.payback.reached
        ? `${formatInputMoney(i.implementationCost, s)} ÷ ${formatMoney(r.netMonthlyBenefit, s)} = ${formatPayback(r.payback, s.locale)}`
        : 'No payback: the net monthly benefit is not positive.',
  },
  {
    name: 'First-year net',
    formula: '12 × net monthly benefit − implementation cost',
    worked: (i, r, s) =>
      `12 × ${formatMoney(r.netMonthlyBenefit, s)} − ${formatInputMoney(i.implementationCost, s)} = ${formatMoney(r.firstYearNet, s)}`,
  },
];

/** "How we calculate this": every formula, worked with the visitor's own numbers. */
export function RoiFormula({ outcome, style }: { outcome: CalculatorOutcome; style: NumberStyle }) {
  return (
    <section
      aria-labelledby="roi-formula-title"
      className="mt-8 rounded-2xl border border-slate-200 bg-white p-5 sm:p-8"
    >
      <h3 id="roi-formula-title" className="text-lg font-semibold text-slate-900">
        How we calculate this
      </h3>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        A deliberately simple model you can check by hand. Money is per month unless noted;
        percentages are used as fractions (2.5% = 0.025).
      </p>
      <ol className="mt-6 grid gap-4 md:grid-cols-2">
        {STEPS.map((step, index) => (
          <li
            key={step.name}
            className={`rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ${
              index === STEPS.length - 1 ? 'md:col-span-2' : ''
            }`}
          >
            <p className="flex items-center gap-2 text-sm font-semibold text-slate-900">
              <span
                aria-hidden="true"
                className="grid size-6 place-items-center rounded-full bg-indigo-50 text-xs text-indigo-700"
              >
                {index + 1}
              </span>
              {step.name}
            </p>
            <p className="mt-2 font-mono text-[13px] leading-6 text-slate-700">= {step.formula}</p>
            {outcome.ok ? (
              <p className="mt-2 text-sm text-slate-600 tabular-nums [overflow-wrap:anywhere]">
                {step.worked(outcome.input, outcome.result, style)}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
