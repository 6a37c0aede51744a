import { DEFAULT_ROI_INPUT, ROI_FIELDS, ROI_INPUT_KEYS } from './roi-fields';
import { RoiInputSchema } from './roi-input.schema';

describe('ROI_FIELDS', () => {
  it.each(ROI_INPUT_KEYS)('describes %s under its own key with a sane range', (key) => {
    const field = ROI_FIELDS[key];
    expect(field.key).toBe(key);
    expect(field.min).toBeLessThan(field.max);
    expect(field.defaultValue).toBeGreaterThanOrEqual(field.min);
    expect(field.defaultValue).toBeLessThanOrEqual(field.max);
  });

  it('caps every percentage at 100', () => {
    const percents = Object.values(ROI_FIELDS).filter((field) => field.kind === 'percent');
    expect(percents.map((field) => field.max)).toEqual([100, 100, 100, 100]);
  });

  it('has defaults that pass the schema', () => {
    expect(RoiInputSchema.safeParse(DEFAULT_ROI_INPUT).success).toBe(true);
  });
});
