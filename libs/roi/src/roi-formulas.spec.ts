import {
  adSavings,
  baselineRevenue,
  firstYearNet,
  incrementalGrossProfit,
  netMonthlyBenefit,
  paybackMonths,
  roiPercent,
  roundToCents,
} from './roi-formulas';

describe('roundToCents', () => {
  it.each([
    [1.234, 1.23],
    [1.235, 1.24],
    [531_250.0000001, 531_250],
    [0.1 + 0.2 - 0.3, 0],
  ])('rounds %d to %d', (amount, expected) => {
    expect(roundToCents(amount)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundToCents(-0.001), 0)).toBe(true);
  });
});

describe('baselineRevenue', () => {
  it.each([
    [250_000, 2.5, 85, 531_250],
    [100_000, 2, 50, 100_000],
    [10_000, 1, 40, 4_000],
    [12_345, 3.33, 19.99, 8_217.66], // 12,345 × 0.0333 × 19.99 = 8,217.6591…
    [0, 50, 100, 0],
  ])('sessions %d × %d%% × %d = %d', (sessions, rate, aov, expected) => {
    expect(
      baselineRevenue({
        monthlySessions: sessions,
        conversionRatePercent: rate,
        averageOrderValue: aov,
      }),
    ).toBe(expected);
  });
});

describe('incrementalGrossProfit', () => {
  it.each([
    [531_250, 5, 40, 10_625],
    [100_000, 10, 30, 3_000],
    [4_000, 5, 50, 100],
    [8_217.53, 7.5, 33.3, 205.23], // 8,217.53 × 0.075 × 0.333 = 205.2328…
    [1_000, 0, 50, 0],
  ])('baseline %d × %d%% uplift × %d%% margin = %d', (baseline, uplift, margin, expected) => {
    expect(
      incrementalGrossProfit(baseline, {
        conversionUpliftPercent: uplift,
        grossMarginPercent: margin,
      }),
    ).toBe(expected);
  });
});

describe('adSavings', () => {
  it.each([
    [60_000, 10, 6_000],
    [20_000, 15, 3_000],
    [999.99, 12.5, 125], // 124.99875
    [0, 50, 0],
  ])('ad spend %d × %d%% = %d', (spend, gain, expected) => {
    expect(adSavings({ monthlyAdSpend: spend, adEfficiencyGainPercent: gain })).toBe(expected);
  });
});

describe('netMonthlyBenefit', () => {
  it.each([
    [10_625, 6_000, 4_000, 12_625],
    [100, 50, 500, -350],
    [0.2, 0.1, 0.3, 0],
  ])('%d + %d − %d = %d', (profit, savings, cost, expected) => {
    expect(netMonthlyBenefit(profit, savings, cost)).toBe(expected);
  });
});

describe('roiPercent', () => {
  it.each([
    [12_625, 4_000, 315.625],
    [4_000, 2_000, 200],
    [-350, 500, -70],
    [0, 100, 0],
  ])('net %d over cost %d is %d%%', (net, cost, expected) => {
    expect(roiPercent(net, cost)).toEqual({ applicable: true, percent: expected });
  });

  it('is not applicable when the CDP costs nothing', () => {
    expect(roiPercent(5_000, 0)).toEqual({ applicable: false, reason: 'no-cdp-cost' });
  });
});

describe('paybackMonths', () => {
  it.each([
    [10_000, 4_000, 2.5],
    [45_000, 12_625, 45_000 / 12_625],
    [0, 100, 0],
  ])('implementation %d over benefit %d is %d months', (cost, net, expected) => {
    expect(paybackMonths(cost, net)).toEqual({ reached: true, months: expected });
  });

  it.each([0, -0.01, -350])('is never reached with a benefit of %d', (net) => {
    expect(paybackMonths(45_000, net)).toEqual({
      reached: false,
      reason: 'benefit-not-positive',
    });
  });
});

describe('firstYearNet', () => {
  it.each([
    [12_625, 45_000, 106_500],
    [4_000, 10_000, 38_000],
    [-350, 5_000, -9_200],
    [0, 0, 0],
  ])('12 × %d − %d = %d', (net, implementation, expected) => {
    expect(firstYearNet(net, implementation)).toBe(expected);
  });
});
