import type { Traits } from './resolution.types';

/**
 * Merges `incoming` traits set at `at` into `traits`, in place: per key, the later time wins,
 * and a tie goes to the incoming value (the later write of the same instant).
 */
export function mergeTraits(
  traits: Traits,
  timestamps: Record<string, string>,
  incoming: Traits,
  at: string | ((key: string) => string),
): void {
  for (const key of Object.keys(incoming)) {
    const incomingAt = typeof at === 'string' ? at : at(key);
    const currentAt = Object.hasOwn(timestamps, key) ? timestamps[key] : undefined;
    if (currentAt === undefined || Date.parse(incomingAt) >= Date.parse(currentAt)) {
      traits[key] = incoming[key];
      timestamps[key] = incomingAt;
    }
  }
}

/**
 * The time recorded for a key set by a once-trait: earlier than any event, so that a trait
 * set the ordinary way always replaces it, whenever that event happened, while another
 * once-trait never does (the key is present).
 */
const ONCE_TRAIT_TIME = new Date(0).toISOString();

/** Sets each of `incoming` whose key `traits` lacks, in place (`$set_once`). */
export function mergeOnceTraits(
  traits: Traits,
  timestamps: Record<string, string>,
  incoming: Traits,
): void {
  for (const key of Object.keys(incoming)) {
    if (Object.hasOwn(traits, key)) continue;
    traits[key] = incoming[key];
    timestamps[key] = ONCE_TRAIT_TIME;
  }
}
