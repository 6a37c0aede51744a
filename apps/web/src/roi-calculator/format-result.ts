import type { Payback, RoiPercent } from '@stratum/roi';
import type { CurrencyCode } from './currencies';

/** The visitor's locale and chosen currency: all a number needs to be shown. */
export interface NumberStyle {
  locale: string;
  currency: CurrencyCode;
}

// Beyond this an exact figure is wider than a phone screen and no more meaningful.
const COMPACT_FROM = 1e9;

/** Formats an amount of money: whole units, compact ("$1.2T") once it is very large. */
export function formatMoney(amount: number, style: NumberStyle): string {
  const compact = Math.abs(amount) >= COMPACT_FROM;
  return new Intl.NumberFormat(style.locale, {
    style: 'currency',
    currency: style.currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: compact ? 1 : 0,
    notation: compact ? 'compact' : 'standard',
  }).format(amount);
}

/** Formats an input amount exactly as the model used it (cents kept when present). */
export function formatInputMoney(amount: number, style: NumberStyle): string {
  return new Intl.NumberFormat(style.locale, {
    style: 'currency',
    currency: style.currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(amount);
}

/** Formats a plain count, such as sessions. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** Formats a number already in percent (`2.5` → "2.5%"). */
export function formatPercent(percent: number, locale: string): string {
  const compact = Math.abs(percent) >= 1e6;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: Math.abs(percent) < 10 ? 2 : compact ? 1 : 0,
    notation: compact ? 'compact' : 'standard',
  }).format(percent / 100);
}

/** ROI as a percentage, or why there is none. */
export function formatRoi(roi: RoiPercent, locale: string): string {
  return roi.applicable ? formatPercent(roi.percent, locale) : 'Not applicable';
}

const MONTHS_IN_A_CENTURY = 1200;

/** Payback time in months (years past two years), or why there is none. */
export function formatPayback(payback: Payback, locale: string): string {
  if (!payback.reached) return 'No payback';
  const { months } = payback;
  if (months === 0) return 'Immediate';
  if (months >= MONTHS_IN_A_CENTURY) return 'Over 100 years';
  // Rounded to one decimal, a few days would read "0 months", which is not what happened.
  if (months < 0.05) return `Under ${duration(0.1, 'month', locale)}`;
  return months > 24 ? duration(months / 12, 'year', locale) : duration(months, 'month', locale);
}

function duration(value: number, unit: 'month' | 'year', locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(value);
}

/** The currency's symbol in this locale ("$", "€", "CHF"), for input adornments. */
export function currencySymbol(style: NumberStyle): string {
  const parts = new Intl.NumberFormat(style.locale, {
    style: 'currency',
    currency: style.currency,
    currencyDisplay: 'narrowSymbol',
  }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? style.currency;
}
