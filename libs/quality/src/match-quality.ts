import { MATCH_KEYS } from '@stratum/schemas';
import type { MatchKey } from '@stratum/schemas';
import { matchKeysOf } from './match-keys';
import type { MatchableEvent } from './match-keys';

/**
 * Points each key is worth when every event carries it; they add up to 10. Hashed email
 * and phone match the most people across ad platforms, then a stable id and click ids
 * (which tie a conversion to its ad), then IP and user agent (weak alone, useful together).
 */
export const MATCH_KEY_WEIGHTS: Readonly<Record<MatchKey, number>> = {
  email: 3,
  phone: 2,
  external_id: 1.5,
  click_id: 1.5,
  ip: 1,
  user_agent: 1,
};

/** How many events carried each key: what is stored per hour and summed over windows. */
export interface MatchTally {
  events: number;
  keys: Record<MatchKey, number>;
}

type MatchRating = 'poor' | 'fair' | 'good' | 'great';

/** A score with its breakdown and the one change that would raise it most. */
export interface MatchQuality {
  /** 0–10, one decimal. */
  score: number;
  rating: MatchRating;
  /** Share of events carrying each key, 0–1. */
  keys: Record<MatchKey, number>;
  /** What to send more of; null when nothing is missing. */
  advice: string | null;
}

/** A tally of nothing. */
export function emptyTally(): MatchTally {
  return { events: 0, keys: zeroPerKey() };
}

/** Counts the keys of some events. */
export function tallyMatchKeys(events: readonly MatchableEvent[]): MatchTally {
  const tally = emptyTally();
  for (const event of events) {
    tally.events += 1;
    for (const key of matchKeysOf(event)) tally.keys[key] += 1;
  }
  return tally;
}

/** Two tallies as one (hours into a day, days into thirty). */
export function addTallies(a: MatchTally, b: MatchTally): MatchTally {
  const keys = zeroPerKey();
  for (const key of MATCH_KEYS) keys[key] = a.keys[key] + b.keys[key];
  return { events: a.events + b.events, keys };
}

/** Score = Σ weight × share over the keys; no events score 0. */
export function scoreTally(tally: MatchTally): MatchQuality {
  const keys = zeroPerKey();
  for (const key of MATCH_KEYS) {
    keys[key] = tally.events === 0 ? 0 : round(tally.keys[key] / tally.events, 4);
  }
  const raw = MATCH_KEYS.reduce((sum, key) => sum + MATCH_KEY_WEIGHTS[key] * keys[key], 0);
  const score = round(raw, 1);
  return { score, rating: ratingOf(score), keys, advice: adviceFor(keys) };
}

/** The score of a batch of events, as the ingest answer carries it. */
export function matchQuality(events: readonly MatchableEvent[]): MatchQuality {
  return scoreTally(tallyMatchKeys(events));
}

const KEY_LABELS: Readonly<Record<MatchKey, string>> = {
  email: 'an email identifier',
  phone: 'a phone identifier',
  external_id: 'an external_id identifier',
  click_id: 'the ad click id (fbclid, gclid, … in context or properties)',
  ip: 'the client IP (context.ip)',
  user_agent: 'the client user agent (context.user_agent)',
};

// The key whose absence costs the most points; ties go to the earlier (heavier) key.
function adviceFor(shares: Record<MatchKey, number>): string | null {
  let best: { key: MatchKey; gain: number } | undefined;
  for (const key of MATCH_KEYS) {
    const gain = MATCH_KEY_WEIGHTS[key] * (1 - shares[key]);
    if (gain > 0 && (best === undefined || gain > best.gain)) best = { key, gain };
  }
  if (best === undefined) return null;
  const percent = Math.round(shares[best.key] * 100);
  return `Send ${KEY_LABELS[best.key]} with more events: ${percent}% carry it; all of them would add ${round(best.gain, 1)} points.`;
}

function ratingOf(score: number): MatchRating {
  if (score >= 8) return 'great';
  if (score >= 6) return 'good';
  if (score >= 4) return 'fair';
  return 'poor';
}

function zeroPerKey(): Record<MatchKey, number> {
  return { email: 0, phone: 0, external_id: 0, click_id: 0, ip: 0, user_agent: 0 };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
