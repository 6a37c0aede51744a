/**
 * The answers the documented queries must give on the seed, computed in plain TypeScript from
 * the rows that were inserted: an independent statement of what each query means.
 */
import type { ConsentPurpose } from '@stratum/db';
import type { AnalyticsSeed, SeedEvent } from './analytics-seed';

export interface Range {
  from: string;
  to: string;
}

const PURPOSES: ConsentPurpose[] = [
  'advertising',
  'analytics',
  'marketing',
  'personalization',
  'sale_of_data',
];

function survivorOf(seed: AnalyticsSeed, profileId: string): string {
  return seed.mergedInto.get(profileId) ?? profileId;
}

function eventsIn(seed: AnalyticsSeed, range: Range): SeedEvent[] {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  return seed.events.filter((e) => e.occurredAt.getTime() >= from && e.occurredAt.getTime() < to);
}

// round(100.0 * part / whole, 1) as PostgreSQL prints the numeric.
function percent(part: number, whole: number): string | null {
  return whole === 0 ? null : (Math.round((1000 * part) / whole) / 10).toFixed(1);
}

/** one-profile: per event name, count and first/last time, over the survivor's ids. */
export function expectedOneProfile(seed: AnalyticsSeed, profileId: string, range: Range) {
  const byName = new Map<string, { events: number; first_at: Date; last_at: Date }>();
  for (const e of eventsIn(seed, range)) {
    if (survivorOf(seed, e.profileId) !== profileId) continue;
    const row = byName.get(e.name);
    if (!row) {
      byName.set(e.name, { events: 1, first_at: e.occurredAt, last_at: e.occurredAt });
      continue;
    }
    row.events += 1;
    if (e.occurredAt < row.first_at) row.first_at = e.occurredAt;
    if (e.occurredAt > row.last_at) row.last_at = e.occurredAt;
  }
  return byName;
}

/** most-active-profiles: events per survivor, most first, ties by id, at most 100. */
export function expectedMostActive(seed: AnalyticsSeed, range: Range) {
  const counts = new Map<string, number>();
  for (const e of eventsIn(seed, range)) {
    const id = survivorOf(seed, e.profileId);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts]
    .map(([profile_id, events]) => ({ profile_id, events }))
    .sort((a, b) => b.events - a.events || (a.profile_id < b.profile_id ? -1 : 1))
    .slice(0, 100);
}

/** funnel: people with `first` in range, and those whose last `second` follows it. */
export function expectedFunnel(seed: AnalyticsSeed, first: string, second: string, range: Range) {
  const firstAt = new Map<string, number>();
  const lastSecondAt = new Map<string, number>();
  for (const e of eventsIn(seed, range)) {
    const id = survivorOf(seed, e.profileId);
    const at = e.occurredAt.getTime();
    if (e.name === first) firstAt.set(id, Math.min(at, firstAt.get(id) ?? Infinity));
    if (e.name === second) lastSecondAt.set(id, Math.max(at, lastSecondAt.get(id) ?? -Infinity));
  }
  const entered = firstAt.size;
  const converted = [...firstAt].filter(([id, at]) => (lastSecondAt.get(id) ?? -1) > at).length;
  return { entered, converted, conversion_pct: percent(converted, entered) };
}

/** active-per-day: distinct survivors per UTC day, by day. */
export function expectedActivePerDay(seed: AnalyticsSeed, range: Range) {
  const perDay = new Map<string, Set<string>>();
  for (const e of eventsIn(seed, range)) {
    const dayKey = e.occurredAt.toISOString().slice(0, 10);
    const people = perDay.get(dayKey) ?? new Set<string>();
    people.add(survivorOf(seed, e.profileId));
    perDay.set(dayKey, people);
  }
  return [...perDay]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, people]) => ({ day, active_profiles: people.size }));
}

/** consent-coverage: per purpose, active people and those whose latest decision is granted. */
export function expectedConsentCoverage(seed: AnalyticsSeed, range: Range) {
  const active = new Set(eventsIn(seed, range).map((e) => survivorOf(seed, e.profileId)));
  return PURPOSES.map((purpose) => {
    let granted = 0;
    for (const id of active) {
      const latest = seed.consents
        .filter((c) => c.purpose === purpose && survivorOf(seed, c.profileId) === id)
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())[0];
      if (latest?.status === 'granted') granted += 1;
    }
    return {
      purpose,
      active_profiles: active.size,
      granted,
      granted_pct: percent(granted, active.size),
    };
  });
}
