import type { JsonObject } from '@stratum/schemas';
import type { IdentifierSource } from './collect-identifiers';
import { readObject, withoutKeys } from './json-fields';
import type { issuesInto } from './mapped-event';

const IDENTIFIER_KEYS = ['email', 'phone'];

/** A PostHog event's person properties, as Stratum traits and identifiers. */
export interface PosthogSets {
  traits?: JsonObject;
  traitsOnce?: JsonObject;
  identifiers: IdentifierSource[];
}

/**
 * `$set` and `$set_once`, from the event's top level (posthog-js) and its properties
 * (posthog-node); the top level wins a key both give, as in PostHog's ingestion. Their
 * `email` and `phone` become identifiers and leave the traits, which store no raw
 * identifier.
 */
export function posthogSets(
  message: JsonObject,
  properties: JsonObject,
  take: ReturnType<typeof issuesInto>,
): PosthogSets {
  const identifiers: IdentifierSource[] = [];
  const merged = (key: '$set' | '$set_once'): JsonObject | undefined => {
    const inProperties = take(readObject(properties[key], `properties.${key}`));
    const atTop = take(readObject(message[key], key));
    for (const [source, path] of [
      [atTop, key],
      [inProperties, `properties.${key}`],
    ] as const) {
      for (const type of ['email', 'phone'] as const) {
        identifiers.push({ type, value: source?.[type], path: `${path}.${type}` });
      }
    }
    if (inProperties === undefined && atTop === undefined) return undefined;
    return withoutKeys({ ...inProperties, ...atTop }, IDENTIFIER_KEYS);
  };
  const traits = merged('$set');
  const traitsOnce = merged('$set_once');
  return {
    ...(traits !== undefined && { traits }),
    ...(traitsOnce !== undefined && { traitsOnce }),
    identifiers,
  };
}
