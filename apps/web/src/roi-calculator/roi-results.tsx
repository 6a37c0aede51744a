import type { RoiInputKey, RoiResult } from '@stratum/roi';
import type { CalculatorOutcome } from './evaluate-calculator';
import { fieldInputId } from './field-copy';
import { formatMoney, formatPayback, formatRoi } from './format-result';
import type { NumberStyle } from './format-result';

interface RoiResultsProps {
  outcome: CalculatorOutcome;
  style: NumberStyle;
}

/** The estimate, or, while any input is invalid, the list of what to fix. */
export function RoiResults({ outcome, style }: RoiResultsProps) {
  return (
    <section
      id="roi-results"
      aria-labelledby="roi-results-title"
      className="relative overflow-hidden rounded-2xl bg-slate-950 p-6 text-white shadow-xl ring-1 ring-white/10 sm:p-8 lg:sticky lg:top-24"
    >
      <div
        aria-hidden="true"
        className="pointer-events-none absolute -top-24 -right-24 size-64 rounded-full bg-indigo-500/25 blur-3xl"
      />
      <h3 id="roi-results-title" className="relative text-sm font-semibold text-indigo-200">
        Your estimate
      </h3>
      <p aria-live="polite" className="sr-only">
        {outcome.ok
          ? spokenSummary(outcome.result, style)
          : 'Estimate paused until the inputs are fixed.'}
      </p>
      <div className="relative">
        {outcome.ok ? (
          <Figures result={outcome.result} style={style} />
        ) : (
          <FixList errors={outcome.errors} />
        )}
      </div>
    </section>
  );
}

function spokenSummary(result: RoiResult, style: NumberStyle): string {
  return `First-year net ${formatMoney(result.firstYearNet, style)}. ROI ${formatRoi(
    result.roi,
    style.locale,
  )}. Payback ${formatPayback(result.payback, style.locale)}.`;
}

function Figures({ result, style }: { result: RoiResult; style: NumberStyle }) {
  const money = (amount: number) => formatMoney(amount, style);
  const gain = result.firstYearNet >= 0;
  return (
    <>
      <p className="mt-4 text-sm text-slate-300">First-year net</p>
      <p
        data-testid="first-year-net"
        className={`mt-1 text-4xl font-semibold tracking-tight tabular-nums [overflow-wrap:anywhere] sm:text-5xl ${
          gain ? 'text-emerald-300' : 'text-rose-300'
        }`}
      >
        {money(result.firstYearNet)}
      </p>
      <p className="mt-1 text-xs text-slate-400">After the one-time implementation cost</p>

      <div className="mt-6 grid grid-cols-2 gap-3">
        <Tile
          label="Monthly ROI"
          value={formatRoi(result.roi, style.locale)}
          testId="roi-percent"
          note={result.roi.applicable ? 'Net benefit ÷ CDP cost' : 'No CDP cost was entered'}
        />
        <Tile
          label="Payback"
          value={formatPayback(result.payback, style.locale)}
          testId="payback"
          note={result.payback.reached ? 'Of the set-up cost' : 'Monthly benefit is not positive'}
        />
      </div>

      <dl className="mt-6 space-y-2.5 border-t border-white/10 pt-5 text-sm">
        <Row label="Baseline revenue" value={money(result.baselineRevenue)} />
        <Row label="Incremental gross profit" value={`+ ${money(result.incrementalGrossProfit)}`} />
        <Row label="Ad savings" value={`+ ${money(result.adSavings)}`} />
        <Row label="CDP cost" value={`− ${money(result.cdpMonthlyCost)}`} />
        <div className="flex items-baseline justify-between gap-4 border-t border-white/10 pt-3 font-semibold">
          <dt>Net monthly benefit</dt>
          <dd
            data-testid="net-monthly-benefit"
            className="text-right tabular-nums [overflow-wrap:anywhere]"
          >
            {money(result.netMonthlyBenefit)}
          </dd>
        </div>
      </dl>
      <p className="mt-5 text-xs leading-5 text-slate-400">
        Monthly figures, rounded. An estimate to plan with, not a promise.
      </p>
    </>
  );
}

function Tile(props: { label: string; value: string; note: string; testId: string }) {
  return (
    <div className="rounded-xl bg-white/5 p-4 ring-1 ring-white/10">
      <p className="text-xs font-medium text-slate-300">{props.label}</p>
      <p
        data-testid={props.testId}
        className="mt-1 text-lg font-semibold tabular-nums [overflow-wrap:anywhere] sm:text-2xl"
      >
        {props.value}
      </p>
      <p className="mt-1 text-xs text-slate-400">{props.note}</p>
    </div>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4 text-slate-300">
      <dt>{label}</dt>
      <dd className="text-right text-white tabular-nums [overflow-wrap:anywhere]">{value}</dd>
    </div>
  );
}

function FixList({ errors }: { errors: Partial<Record<RoiInputKey, string>> }) {
  const entries = Object.entries(errors) as [RoiInputKey, string][];
  return (
    <div data-testid="roi-fix-list" className="mt-4">
      <p className="text-2xl font-semibold tracking-tight">
        Fix {entries.length === 1 ? 'one field' : `${entries.length} fields`} to see your estimate
      </p>
      <p className="mt-2 text-sm text-slate-300">
        We only show a result when every input makes sense.
      </p>
      <ul className="mt-5 space-y-2">
        {entries.map(([key, message]) => (
          <li key={key}>
            <a
              href={`#${fieldInputId(key)}`}
              className="flex gap-2 rounded-lg bg-rose-500/10 px-3 py-2 text-sm text-rose-100 ring-1 ring-rose-400/30 hover:bg-rose-500/20"
            >
              <span aria-hidden="true">→</span>
              <span>{message}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
