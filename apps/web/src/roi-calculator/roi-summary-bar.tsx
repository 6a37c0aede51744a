import type { CalculatorOutcome } from './evaluate-calculator';
import { formatMoney } from './format-result';
import type { NumberStyle } from './format-result';

/**
 * On a phone the results sit below nine inputs; this bar keeps the headline figure in
 * view while the visitor types, and jumps to the full estimate.
 */
export function RoiSummaryBar({
  outcome,
  style,
}: {
  outcome: CalculatorOutcome;
  style: NumberStyle;
}) {
  return (
    <a
      href="#roi-results"
      className="sticky bottom-3 mt-8 flex items-center justify-between gap-3 rounded-xl bg-slate-950 px-4 py-3 text-white shadow-lg ring-1 ring-white/10 lg:hidden"
    >
      {outcome.ok ? (
        <span className="flex flex-col">
          <span className="text-xs text-slate-300">First-year net</span>
          <span
            className={`text-lg font-semibold tabular-nums ${
              outcome.result.firstYearNet >= 0 ? 'text-emerald-300' : 'text-rose-300'
            }`}
          >
            {formatMoney(outcome.result.firstYearNet, style)}
          </span>
        </span>
      ) : (
        <span className="text-sm font-medium text-rose-200">Fix the highlighted fields</span>
      )}
      <span className="text-sm font-medium whitespace-nowrap text-indigo-200">
        Full estimate <span aria-hidden="true">↓</span>
      </span>
    </a>
  );
}
