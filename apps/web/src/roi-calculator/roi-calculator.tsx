'use client';

import { ROI_FIELDS } from '@stratum/roi';
import type { RoiInputKey } from '@stratum/roi';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { calculatorReducer } from './calculator-reducer';
import { stateFromQuery, stateToQuery } from './calculator-state';
import type { CurrencyCode } from './currencies';
import { CopyLinkButton } from './copy-link-button';
import { CurrencySelect } from './currency-select';
import { evaluateCalculator } from './evaluate-calculator';
import { FIELD_GROUPS, FIELD_HINTS } from './field-copy';
import { currencySymbol } from './format-result';
import type { NumberStyle } from './format-result';
import { RoiFieldInput } from './roi-field-input';
import { RoiFormula } from './roi-formula';
import { RoiResults } from './roi-results';
import { RoiSummaryBar } from './roi-summary-bar';
import { useBrowserLocale } from './use-browser-locale';

export interface RoiCalculatorProps {
  /** The query string the calculator starts from (`sessions=1000&currency=EUR`). */
  initialQuery?: string;
  /** Called with the new query string whenever the inputs change. */
  onQueryChange?: (query: string) => void;
  /** Overrides the browser's locale for number formatting. */
  locale?: string;
}

function adornments(key: RoiInputKey, style: NumberStyle) {
  switch (ROI_FIELDS[key].kind) {
    case 'money':
      return { prefix: currencySymbol(style), unitLabel: style.currency };
    case 'percent':
      return { suffix: '%', unitLabel: 'percent' };
    case 'count':
      return { suffix: 'per month', unitLabel: 'per month' };
  }
}

/** The ROI calculator: inputs on the left, the live estimate on the right, the formula below. */
export function RoiCalculator({ initialQuery = '', onQueryChange, locale }: RoiCalculatorProps) {
  const [state, dispatch] = useReducer(calculatorReducer, initialQuery, stateFromQuery);
  const browserLocale = useBrowserLocale();
  const style: NumberStyle = { locale: locale ?? browserLocale, currency: state.currency };
  const outcome = useMemo(() => evaluateCalculator(state), [state]);
  const errors = outcome.ok ? {} : outcome.errors;

  const query = stateToQuery(state);
  const reportedQuery = useRef(query);
  useEffect(() => {
    if (query === reportedQuery.current) return;
    reportedQuery.current = query;
    onQueryChange?.(query);
  }, [query, onQueryChange]);

  const setCurrency = (currency: CurrencyCode) => dispatch({ type: 'currency', currency });

  return (
    <div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)] lg:items-start lg:gap-8">
        <form
          aria-labelledby="roi-inputs-title"
          noValidate
          onSubmit={(event) => event.preventDefault()}
          className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8"
        >
          <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-5">
            <div>
              <h3 id="roi-inputs-title" className="text-lg font-semibold text-slate-950">
                Your numbers
              </h3>
              <p className="mt-1 text-sm text-slate-600">Monthly figures, before tax.</p>
            </div>
            <div className="flex flex-wrap gap-2">
              <CopyLinkButton query={query} />
              <button
                type="button"
                onClick={() => dispatch({ type: 'reset' })}
                className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50"
              >
                <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
                  <path d="M10 3a7 7 0 1 1-6.93 8.02 1 1 0 1 1 1.98-.28A5 5 0 1 0 6.46 6.46L8 8H3V3l2.05 2.05A6.98 6.98 0 0 1 10 3Z" />
                </svg>
                Reset
              </button>
            </div>
          </div>

          {FIELD_GROUPS.map((group, index) => (
            <fieldset key={group.title} className="mt-6">
              <legend className="text-xs font-semibold tracking-wider text-indigo-700 uppercase">
                {group.title}
              </legend>
              <div className="mt-3 grid gap-x-5 gap-y-5 sm:grid-cols-2">
                {index === 0 ? (
                  <CurrencySelect value={state.currency} onChange={setCurrency} />
                ) : null}
                {group.keys.map((key) => (
                  <RoiFieldInput
                    key={key}
                    field={ROI_FIELDS[key]}
                    hint={FIELD_HINTS[key]}
                    value={state.values[key]}
                    error={errors[key]}
                    onChange={(text) => dispatch({ type: 'edit', key, text })}
                    {...adornments(key, style)}
                  />
                ))}
              </div>
            </fieldset>
          ))}
          <RoiSummaryBar outcome={outcome} style={style} />
        </form>
        <RoiResults outcome={outcome} style={style} />
      </div>
      <RoiFormula outcome={outcome} style={style} />
    </div>
  );
}
