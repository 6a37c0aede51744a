import { DEFAULT_ROI_INPUT, ROI_FIELDS, ROI_INPUT_KEYS } from './roi-fields';
import type { RoiInputKey } from './roi-fields';
import {
  RoiInputDraftSchema,
  RoiInputSchema,
  aboveMaximumMessage,
  belowMinimumMessage,
} from './roi-input.schema';

function firstMessage(key: RoiInputKey, value: unknown): string | undefined {
  const result = RoiInputSchema.safeParse({ ...DEFAULT_ROI_INPUT, [key]: value });
  return result.success ? undefined : result.error.issues[0]?.message;
}

function draftMessage(key: RoiInputKey, value: unknown): string | undefined {
  const result = RoiInputDraftSchema.safeParse({ ...DEFAULT_ROI_INPUT, [key]: value });
  return result.success ? undefined : result.error.issues[0]?.message;
}

const MESSAGES: Record<RoiInputKey, { below: string; above: string; precision: string }> = {
  monthlySessions: {
    below: 'Monthly sessions cannot be negative.',
    above: 'Monthly sessions must be at most 1,000,000,000.',
    precision: 'Monthly sessions must be a whole number.',
  },
  conversionRatePercent: {
    below: 'Conversion rate cannot be negative.',
    above: 'Conversion rate must be at most 100%.',
    precision: 'Conversion rate can have at most 2 decimal places.',
  },
  averageOrderValue: {
    below: 'Average order value cannot be negative.',
    above: 'Average order value must be at most 1,000,000.',
    precision: 'Average order value can have at most 2 decimal places.',
  },
  grossMarginPercent: {
    below: 'Gross margin cannot be negative.',
    above: 'Gross margin must be at most 100%.',
    precision: 'Gross margin can have at most 2 decimal places.',
  },
  conversionUpliftPercent: {
    below: 'Expected conversion uplift cannot be negative.',
    above: 'Expected conversion uplift must be at most 100%.',
    precision: 'Expected conversion uplift can have at most 2 decimal places.',
  },
  monthlyAdSpend: {
    below: 'Monthly ad spend cannot be negative.',
    above: 'Monthly ad spend must be at most 100,000,000.',
    precision: 'Monthly ad spend can have at most 2 decimal places.',
  },
  adEfficiencyGainPercent: {
    below: 'Ad efficiency gain cannot be negative.',
    above: 'Ad efficiency gain must be at most 100%.',
    precision: 'Ad efficiency gain can have at most 2 decimal places.',
  },
  cdpMonthlyCost: {
    below: 'CDP monthly cost cannot be negative.',
    above: 'CDP monthly cost must be at most 10,000,000.',
    precision: 'CDP monthly cost can have at most 2 decimal places.',
  },
  implementationCost: {
    below: 'One-time implementation cost cannot be negative.',
    above: 'One-time implementation cost must be at most 100,000,000.',
    precision: 'One-time implementation cost can have at most 2 decimal places.',
  },
};

describe.each(ROI_INPUT_KEYS)('RoiInputSchema: %s', (key) => {
  const field = ROI_FIELDS[key];
  const step = 10 ** -field.decimals;
  const messages = MESSAGES[key];

  it('accepts its minimum and its maximum', () => {
    expect(firstMessage(key, field.min)).toBeUndefined();
    expect(firstMessage(key, field.max)).toBeUndefined();
  });

  it('accepts the values one step inside the range', () => {
    expect(firstMessage(key, field.min + step)).toBeUndefined();
    expect(firstMessage(key, field.max - step)).toBeUndefined();
  });

  it('refuses one step below the minimum', () => {
    expect(firstMessage(key, field.min - step)).toBe(messages.below);
  });

  it('refuses one step above the maximum', () => {
    expect(firstMessage(key, field.max + step)).toBe(messages.above);
  });

  it('refuses more decimals than the field allows', () => {
    expect(firstMessage(key, 1 + step / 10)).toBe(messages.precision);
  });

  it('refuses a missing value, a string, NaN and infinities with a message', () => {
    expect(firstMessage(key, undefined)).toBe(`${field.label} is required.`);
    expect(firstMessage(key, '5')).toMatch(
      new RegExp(`^${field.label} must be a number, such as `),
    );
    expect(firstMessage(key, Number.NaN)).toMatch(/must be a number/);
    expect(firstMessage(key, Infinity)).toBe(messages.above);
    expect(firstMessage(key, -Infinity)).toBe(messages.below);
  });

  it('reads text in the draft schema and words each problem', () => {
    expect(draftMessage(key, String(field.max))).toBeUndefined();
    expect(draftMessage(key, '')).toBe(`${field.label} is required.`);
    expect(draftMessage(key, 'lots')).toMatch(/must be a number/);
    expect(draftMessage(key, '9'.repeat(400))).toBe(messages.above);
    expect(draftMessage(key, `-${'9'.repeat(400)}`)).toBe(messages.below);
  });
});

describe('RoiInputSchema precision', () => {
  it.each([0.07, 0.1, 99_999_999.99, 12_345.67])('keeps %d as a whole number of cents', (value) => {
    expect(firstMessage('implementationCost', value)).toBeUndefined();
  });

  it('names the example value in the not-a-number message', () => {
    expect(draftMessage('monthlySessions', 'many')).toBe(
      'Monthly sessions must be a number, such as 250,000.',
    );
    expect(draftMessage('conversionRatePercent', 'x')).toBe(
      'Conversion rate must be a number, such as 2.5.',
    );
  });

  it('words a minimum above zero as "at least"', () => {
    expect(belowMinimumMessage({ ...ROI_FIELDS.conversionRatePercent, min: 0.5 })).toBe(
      'Conversion rate must be at least 0.5%.',
    );
    expect(belowMinimumMessage({ ...ROI_FIELDS.averageOrderValue, min: 1000 })).toBe(
      'Average order value must be at least 1,000.',
    );
  });

  it('groups digits of a maximum the English way', () => {
    expect(aboveMaximumMessage({ ...ROI_FIELDS.monthlyAdSpend, max: 2_500_000.5 })).toBe(
      'Monthly ad spend must be at most 2,500,000.5.',
    );
  });
});
