/** The outcome of reading a number typed by a person. */
export type NumberTextResult =
  { ok: true; value: number } | { ok: false; reason: 'empty' | 'not-a-number' };

// Spaces (including the no-break spaces French and Swiss formats group with), apostrophes
// and underscores only ever group digits; currency signs and % are units people type.
const IGNORED = /[\s\u00a0\u202f'\u2019_$€£¥%]/gu;
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const COMMA_GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const DOT_GROUPED = /^[-+]?\d{1,3}(\.\d{3}){2,}$/;

/**
 * Turns what a visitor typed into a number, accepting both `1,234.5` and `1.234,5`:
 * when both separators appear the last one is the decimal mark; a lone comma is a
 * decimal mark unless it groups thousands (`250,000`); several dots group thousands
 * (`1.000.000`). A lone dot is always a decimal mark. Exponents are refused.
 */
export function parseNumberText(text: string): NumberTextResult {
  const compact = text.replace(IGNORED, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  const plain = toPlainNotation(compact);
  if (plain === undefined || !PLAIN_NUMBER.test(plain))
    return { ok: false, reason: 'not-a-number' };
  return { ok: true, value: Number(plain) };
}

function toPlainNotation(text: string): string | undefined {
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma === -1) return DOT_GROUPED.test(text) ? text.replaceAll('.', '') : text;
  if (lastDot > lastComma) return COMMA_GROUPED.test(text) ? text.replaceAll(',', '') : undefined;
  if (lastDot !== -1) return fromDecimalComma(text);
  if (COMMA_GROUPED.test(text)) return text.replaceAll(',', '');
  return text.indexOf(',') === lastComma ? text.replace(',', '.') : undefined;
}

// `1.234.567,89`: dots group thousands, the comma is the decimal mark.
function fromDecimalComma(text: string): string | undefined {
  const comma = text.indexOf(',');
  const whole = text.slice(0, comma);
  const fraction = text.slice(comma + 1);
  if (fraction.includes(',') || !/^[-+]?\d{1,3}(\.\d{3})*$/.test(whole)) return undefined;
  return `${whole.replaceAll('.', '')}.${fraction}`;
}
