import { DEFAULT_STATE } from './calculator-state';
import type { CalculatorState } from './calculator-state';
import type { CurrencyCode } from './currencies';
import type { RoiInputKey } from '@stratum/roi';

export type CalculatorAction =
  | { type: 'edit'; key: RoiInputKey; text: string }
  | { type: 'currency'; currency: CurrencyCode }
  | { type: 'reset' };

/** The calculator's only state transitions: edit a field, pick a currency, start over. */
export function calculatorReducer(
  state: CalculatorState,
  action: CalculatorAction,
): CalculatorState {
  switch (action.type) {
    case 'edit':
      return { ...state, values: { ...state.values, [action.key]: action.text } };
    case 'currency':
      return { ...state, currency: action.currency };
    case 'reset':
      return DEFAULT_STATE;
  }
}
