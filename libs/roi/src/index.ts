export { DEFAULT_ROI_INPUT, ROI_FIELDS, ROI_INPUT_KEYS } from './roi-fields';
export type { RoiField, RoiFieldKind, RoiInputKey } from './roi-fields';
export { parseNumberText } from './parse-number-text';
export type { NumberTextResult } from './parse-number-text';
export {
  RoiInputDraftSchema,
  RoiInputSchema,
  aboveMaximumMessage,
  belowMinimumMessage,
} from './roi-input.schema';
export type { RoiInput, RoiInputDraft } from './roi-input.schema';
export { validateRoiInput } from './validate-roi-input';
export type { RoiInputErrors, RoiValidation } from './validate-roi-input';
export {
  adSavings,
  baselineRevenue,
  firstYearNet,
  incrementalGrossProfit,
  netMonthlyBenefit,
  paybackMonths,
  roiPercent,
  roundToCents,
} from './roi-formulas';
export type { Payback, RoiPercent } from './roi-formulas';
export { computeRoi } from './compute-roi';
export type { RoiResult } from './compute-roi';
