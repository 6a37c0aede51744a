import { computeRoi, validateRoiInput } from '@stratum/roi';
import type { RoiInput, RoiInputErrors, RoiResult } from '@stratum/roi';
import type { CalculatorState } from './calculator-state';

/** A result to show, or the list of fields to fix: never a number built from bad input. */
export type CalculatorOutcome =
  { ok: true; input: RoiInput; result: RoiResult } | { ok: false; errors: RoiInputErrors };

/** Validates the typed values through the ROI model and, when all are valid, runs it. */
export function evaluateCalculator(state: CalculatorState): CalculatorOutcome {
  const validation = validateRoiInput(state.values);
  if (!validation.ok) return validation;
  return { ok: true, input: validation.input, result: computeRoi(validation.input) };
}
