/** The kind of quantity a field holds; it decides its unit, its precision and its message. */
type RoiFieldKind = 'count' | 'percent' | 'money';

/** One input of the ROI model: what it is called, its range and a realistic default. */
export interface RoiField {
  key: RoiInputKey;
  label: string;
  kind: RoiFieldKind;
  min: number;
  max: number;
  /** Decimal places accepted: sessions are whole, money is to the cent. */
  decimals: number;
  defaultValue: number;
}

export const ROI_INPUT_KEYS = [
  'monthlySessions',
  'conversionRatePercent',
  'averageOrderValue',
  'grossMarginPercent',
  'conversionUpliftPercent',
  'monthlyAdSpend',
  'adEfficiencyGainPercent',
  'cdpMonthlyCost',
  'implementationCost',
] as const;

export type RoiInputKey = (typeof ROI_INPUT_KEYS)[number];

const percent = (key: RoiInputKey, label: string, defaultValue: number): RoiField => ({
  key,
  label,
  kind: 'percent',
  min: 0,
  max: 100,
  decimals: 2,
  defaultValue,
});

const money = (key: RoiInputKey, label: string, max: number, defaultValue: number): RoiField => ({
  key,
  label,
  kind: 'money',
  min: 0,
  max,
  decimals: 2,
  defaultValue,
});

/*
 * The maxima bound every output (the largest, ROI at a one-cent CDP cost, is about 1e19),
 * so no input in range can produce an infinite or NaN result. The defaults tell the story
 * of a mid-market online shop (about $530k of monthly revenue) running a self-hosted CDP.
 */
export const ROI_FIELDS: Readonly<Record<RoiInputKey, RoiField>> = {
  monthlySessions: {
    key: 'monthlySessions',
    label: 'Monthly sessions',
    kind: 'count',
    min: 0,
    max: 1_000_000_000,
    decimals: 0,
    defaultValue: 250_000,
  },
  conversionRatePercent: percent('conversionRatePercent', 'Conversion rate', 2.5),
  averageOrderValue: money('averageOrderValue', 'Average order value', 1_000_000, 85),
  grossMarginPercent: percent('grossMarginPercent', 'Gross margin', 40),
  conversionUpliftPercent: percent('conversionUpliftPercent', 'Expected conversion uplift', 5),
  monthlyAdSpend: money('monthlyAdSpend', 'Monthly ad spend', 100_000_000, 60_000),
  adEfficiencyGainPercent: percent('adEfficiencyGainPercent', 'Ad efficiency gain', 10),
  cdpMonthlyCost: money('cdpMonthlyCost', 'CDP monthly cost', 10_000_000, 4_000),
  implementationCost: money(
    'implementationCost',
    'One-time implementation cost',
    100_000_000,
    45_000,
  ),
};

/** The model's inputs with every field at its default. */
export const DEFAULT_ROI_INPUT: Readonly<Record<RoiInputKey, number>> = Object.fromEntries(
  ROI_INPUT_KEYS.map((key) => [key, ROI_FIELDS[key].defaultValue]),
) as Record<RoiInputKey, number>;
