import { z } from 'zod';
import { parseNumberText } from './parse-number-text';
import { ROI_FIELDS, ROI_INPUT_KEYS } from './roi-fields';
import type { RoiField, RoiInputKey } from './roi-fields';

// Messages are read by people of any locale, but they are in English: group digits the
// English way so `1,000,000` is not misread.
const PLAIN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function amount(field: RoiField, value: number): string {
  return field.kind === 'percent' ? `${PLAIN.format(value)}%` : PLAIN.format(value);
}

/** The message shown when a value is below a field's minimum. */
export function belowMinimumMessage(field: RoiField): string {
  return field.min === 0
    ? `${field.label} cannot be negative.`
    : `${field.label} must be at least ${amount(field, field.min)}.`;
}

/** The message shown when a value is above a field's maximum. */
export function aboveMaximumMessage(field: RoiField): string {
  return `${field.label} must be at most ${amount(field, field.max)}.`;
}

function typeMessage(field: RoiField, input: unknown): string {
  if (input === undefined) return `${field.label} is required.`;
  if (input === Infinity) return aboveMaximumMessage(field);
  if (input === -Infinity) return belowMinimumMessage(field);
  return `${field.label} must be a number, such as ${PLAIN.format(field.defaultValue)}.`;
}

function decimalsMessage(field: RoiField): string {
  return field.decimals === 0
    ? `${field.label} must be a whole number.`
    : `${field.label} can have at most ${field.decimals} decimal places.`;
}

// A double has at most n decimals exactly when it is the double nearest its own n-decimal
// rounding; comparing scaled values instead would drift for large amounts.
function hasAtMostDecimals(value: number, decimals: number): boolean {
  return Number(value.toFixed(decimals)) === value;
}

function fieldSchema(field: RoiField) {
  return z
    .number({ error: (issue) => typeMessage(field, issue.input) })
    .min(field.min, { error: belowMinimumMessage(field) })
    .max(field.max, { error: aboveMaximumMessage(field) })
    .refine((value) => hasAtMostDecimals(value, field.decimals), {
      error: decimalsMessage(field),
    });
}

// Text becomes a number, nothing becomes undefined ("required") and junk becomes NaN
// ("must be a number"), so one number schema words every message.
function fromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parsed = parseNumberText(value);
  if (parsed.ok) return parsed.value;
  return parsed.reason === 'empty' ? undefined : Number.NaN;
}

function shapeOf<S extends z.ZodType>(make: (field: RoiField) => S): Record<RoiInputKey, S> {
  return Object.fromEntries(ROI_INPUT_KEYS.map((key) => [key, make(ROI_FIELDS[key])])) as Record<
    RoiInputKey,
    S
  >;
}

/** The model's inputs as numbers, each within its field's range and precision. */
export const RoiInputSchema = z.object(shapeOf(fieldSchema));
export type RoiInput = z.infer<typeof RoiInputSchema>;

/** The same inputs as typed by a visitor: text (`"250,000"`, `"2,5"`) or numbers. */
export const RoiInputDraftSchema = z.object(
  shapeOf((field) => z.preprocess(fromText, fieldSchema(field))),
);
export type RoiInputDraft = Partial<Record<RoiInputKey, string | number>>;
