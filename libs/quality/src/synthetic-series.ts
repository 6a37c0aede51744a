/** How to make a synthetic hourly series: a weekly rhythm, growth, noise and holidays. */
export interface SyntheticSeriesOptions {
  /** Hours to make. */
  hours: number;
  /** Events in a weekday's busiest hour, at the start. */
  peakPerHour: number;
  /** Growth per week: 0.01 is +1 % a week. */
  weeklyGrowth?: number;
  /** Days (from 0) that run at `holidayLevel` of normal. */
  holidays?: readonly number[];
  holidayLevel?: number;
  /** Same seed, same series. */
  seed: number;
}

const HOURS_PER_WEEK = 168;
// Day 0 is a Monday; the weekend is quieter.
const DAY_LEVEL = [1, 1, 1, 1, 0.95, 0.6, 0.5];

/**
 * A year of traffic as a shop's site sees it: quiet nights, a midday peak, quieter
 * weekends, Poisson noise. Seeded, so a test or a replay is the same every time.
 */
export function syntheticSeries(options: SyntheticSeriesOptions): number[] {
  const random = mulberry32(options.seed);
  const holidays = new Set(options.holidays ?? []);
  const counts: number[] = [];
  for (let hour = 0; hour < options.hours; hour += 1) {
    const day = Math.floor(hour / 24);
    const growth = (1 + (options.weeklyGrowth ?? 0)) ** (hour / HOURS_PER_WEEK);
    const holiday = holidays.has(day) ? (options.holidayLevel ?? 0.6) : 1;
    const rate = options.peakPerHour * diurnal(hour % 24) * DAY_LEVEL[day % 7]! * growth * holiday;
    counts.push(poisson(rate, random));
  }
  return counts;
}

// 15 % of the peak at night, rising from 06:00 to a peak at 14:00, back down by 22:00.
function diurnal(hourOfDay: number): number {
  const day = Math.sin((Math.PI * (hourOfDay - 6)) / 16);
  return 0.15 + 0.85 * Math.max(0, day);
}

function poisson(rate: number, random: () => number): number {
  if (rate > 30) {
    // Normal approximation (Box–Muller): exact sampling is slow for large rates.
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(rate + Math.sqrt(rate) * gaussian));
  }
  // Knuth: multiply uniforms until below e^-rate.
  const limit = Math.exp(-rate);
  let count = 0;
  let product = random();
  while (product > limit) {
    count += 1;
    product *= random();
  }
  return count;
}

/** A small seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
