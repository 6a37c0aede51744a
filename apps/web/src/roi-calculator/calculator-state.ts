import { ROI_FIELDS, ROI_INPUT_KEYS } from '@stratum/roi';
import type { RoiInputKey } from '@stratum/roi';
import { DEFAULT_CURRENCY, isCurrencyCode } from './currencies';
import type { CurrencyCode } from './currencies';

/** What the visitor has typed, kept as text so a half-typed "2," is not lost. */
export interface CalculatorState {
  values: Record<RoiInputKey, string>;
  currency: CurrencyCode;
}

/** Short, readable query keys: `/cdp-roi?sessions=120000&aov=64&currency=EUR`. */
const QUERY_KEYS: Readonly<Record<RoiInputKey, string>> = {
  monthlySessions: 'sessions',
  conversionRatePercent: 'conversion',
  averageOrderValue: 'aov',
  grossMarginPercent: 'margin',
  conversionUpliftPercent: 'uplift',
  monthlyAdSpend: 'adSpend',
  adEfficiencyGainPercent: 'adGain',
  cdpMonthlyCost: 'cdpCost',
  implementationCost: 'setupCost',
};

const CURRENCY_KEY = 'currency';
// A query value longer than any number is junk; keeping it whole would only stretch inputs.
const MAX_TEXT_LENGTH = 32;

export const DEFAULT_STATE: CalculatorState = {
  values: Object.fromEntries(
    ROI_INPUT_KEYS.map((key) => [key, String(ROI_FIELDS[key].defaultValue)]),
  ) as Record<RoiInputKey, string>,
  currency: DEFAULT_CURRENCY,
};

/**
 * Reads the calculator from a query string. Missing fields take their defaults; invalid
 * text is kept as it is, so the shared link shows the same error the sender saw.
 */
export function stateFromQuery(query: string): CalculatorState {
  const params = new URLSearchParams(query);
  const values = { ...DEFAULT_STATE.values };
  for (const key of ROI_INPUT_KEYS) {
    const text = params.get(QUERY_KEYS[key]);
    if (text !== null) values[key] = text.trim().slice(0, MAX_TEXT_LENGTH);
  }
  const currency = params.get(CURRENCY_KEY)?.toUpperCase() ?? DEFAULT_CURRENCY;
  return { values, currency: isCurrencyCode(currency) ? currency : DEFAULT_CURRENCY };
}

/** Whether the state is exactly the defaults (as after a reset). */
export function isDefaultState(state: CalculatorState): boolean {
  return (
    state.currency === DEFAULT_STATE.currency &&
    ROI_INPUT_KEYS.every((key) => state.values[key].trim() === DEFAULT_STATE.values[key])
  );
}

/**
 * Writes the calculator as a query string (without `?`). Defaults give an empty query;
 * otherwise every field is written, so a link keeps its result even if defaults change.
 */
export function stateToQuery(state: CalculatorState): string {
  if (isDefaultState(state)) return '';
  const params = new URLSearchParams();
  for (const key of ROI_INPUT_KEYS) params.set(QUERY_KEYS[key], state.values[key].trim());
  params.set(CURRENCY_KEY, state.currency);
  return params.toString();
}
