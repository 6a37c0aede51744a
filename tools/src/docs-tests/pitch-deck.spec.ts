import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ROI_INPUT, RoiInputSchema, computeRoi } from '@stratum/roi';

const deck = readFileSync(path.resolve(__dirname, '../../../docs/PITCH_DECK.md'), 'utf8');

// Marp: front matter between the first two `---` lines, then slides separated by `---` lines.
function slides(markdown: string): string[] {
  const parts = markdown.split(/^---$/m);
  return parts.slice(2).map((s) => s.trim());
}

const usd = (amount: number) => `$${amount.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

describe('docs/PITCH_DECK.md', () => {
  it('is Marp Markdown with 12 to 15 slides, each with a title', () => {
    expect(deck.startsWith('---\nmarp: true\n')).toBe(true);
    const all = slides(deck);
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(all.length).toBeLessThanOrEqual(15);
    for (const slide of all) expect(slide).toMatch(/^# \S/);
  });

  it.each([
    'problem',
    'solution',
    'identity resolution',
    'privacy',
    'worth',
    'architecture',
    'performance',
    'competition',
    'pricing',
    'roadmap',
    'ask',
  ])('has a slide about %s', (topic) => {
    const titles = slides(deck).map((s) => s.split('\n')[0]!.toLowerCase());
    expect(titles.some((t) => t.includes(topic))).toBe(true);
  });

  it('works the ROI example with the numbers libs/roi computes from the calculator defaults', () => {
    const input = RoiInputSchema.parse(DEFAULT_ROI_INPUT);
    const result = computeRoi(input);
    if (!result.roi.applicable || !result.payback.reached) throw new Error('defaults changed');
    for (const text of [
      input.monthlySessions.toLocaleString('en-US'),
      `${input.conversionRatePercent}%`,
      usd(input.averageOrderValue),
      `${input.grossMarginPercent}%`,
      `${input.conversionUpliftPercent}%`,
      usd(input.monthlyAdSpend),
      `${input.adEfficiencyGainPercent}%`,
      usd(input.cdpMonthlyCost),
      usd(input.implementationCost),
      usd(result.baselineRevenue),
      usd(result.incrementalGrossProfit),
      usd(result.adSavings),
      usd(result.netMonthlyBenefit),
      `ROI: ${Math.round(result.roi.percent)}%`,
      `Payback: ${result.payback.months.toFixed(1)} months`,
      `First-year net: ${usd(result.firstYearNet)}`,
    ]) {
      expect(deck).toContain(text);
    }
  });

  it('states the performance targets and sends to PERFORMANCE.md for the measured figures', () => {
    const slide = slides(deck).find((s) => s.startsWith('# Performance'))!;
    for (const target of ['10,000 events a second', '50 ms', '10 ms', '5 ms', 'COPY']) {
      expect(slide).toContain(target);
    }
    expect(slide).toContain('](PERFORMANCE.md)');
  });
});
