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
