import type { EventType, FieldIssue, JsonObject } from '@stratum/schemas';
import { collectIdentifiers } from './collect-identifiers';
import type { IdentifierSource } from './collect-identifiers';
import { isJsonObject, nonEmptyString, readObject, withoutKeys } from './json-fields';
import { issuesInto, rejected } from './mapped-event';
import type { BatchInfo, CompatEvent, FieldRead, MappedEvent } from './mapped-event';
import { messageEventId } from './message-event-id';
import { posthogSets } from './posthog-sets';
import { posthogTime } from './posthog-time';

const MAX_NAME_LENGTH = 255;

/** PostHog events that are not a plain `track`, and the Stratum type each becomes. */
const TYPE_BY_EVENT: Readonly<Record<string, EventType>> = {
  $identify: 'identify',
  $set: 'identify',
  $create_alias: 'alias',
  $merge_dangerously: 'alias',
  $pageview: 'page',
  $screen: 'screen',
};

// Identifiers and the write key ride in PostHog's properties; none of them is stored.
const NOT_STORED = ['$set', '$set_once', '$anon_distinct_id', 'distinct_id', 'token'];

/**
 * Maps one PostHog event to a Stratum event (SPEC §10). PostHog has one namespace of
 * distinct ids: `distinct_id` → `anonymous_id` on every event; `$identify` also links the
 * same id as `external_id` (so the profile counts as identified and merge protection keeps
 * two identified people apart) and `$anon_distinct_id` as `anonymous_id`;
 * `$create_alias` links `properties.alias` as `anonymous_id`. `$set` becomes `traits` and
 * `$set_once` `traits_once` (top-level and in properties, as posthog-js and posthog-node
 * send them), their `email`/`phone` identifiers. `uuid` → `event_id` (a hash of the event
 * when absent). Event names are kept (`$pageview` is a `page` named `$pageview`).
 */
export function posthogMessageToEvent(message: unknown, batch: BatchInfo): MappedEvent {
  if (!isJsonObject(message)) return rejected('', 'must be a JSON object');
  const errors: FieldIssue[] = [];
  const take = issuesInto(errors);
  const name = take(readEventName(message.event));
  const properties = take(readObject(message.properties, 'properties')) ?? {};
  const eventId = take(messageEventId(message, 'uuid'));
  const time = posthogTime(message, properties, batch, take);
  const sets = posthogSets(message, properties, take);

  const distinct =
    message.distinct_id !== undefined && message.distinct_id !== null
      ? { value: message.distinct_id, path: 'distinct_id' }
      : { value: properties.distinct_id, path: 'properties.distinct_id' };
  const sources: IdentifierSource[] = [{ type: 'anonymous_id', ...distinct }];
  if (name === '$identify') {
    sources.push(
      { type: 'external_id', ...distinct },
      {
        type: 'anonymous_id',
        value: properties.$anon_distinct_id,
        path: 'properties.$anon_distinct_id',
      },
    );
  }
  const isAlias = name === '$create_alias' || name === '$merge_dangerously';
  if (isAlias)
    sources.push({ type: 'anonymous_id', value: properties.alias, path: 'properties.alias' });
  sources.push(...sets.identifiers);
  const collected = collectIdentifiers(sources);
  errors.push(...collected.errors);
  const given = (path: string) =>
    collected.paths.includes(path) || collected.errors.some((e) => e.path === path);
  if (!given(distinct.path)) {
    errors.push({ path: 'distinct_id', message: 'is required' });
  }
  if (isAlias && !given('properties.alias')) {
    errors.push({ path: 'properties.alias', message: `is required for ${name}` });
  }
  if (name === '$groupidentify' && isGroupKey(distinct.value, properties)) {
    errors.push({
      path: 'distinct_id',
      message: "is the group's own key: a $groupidentify without a person is not a person's event",
    });
  }

  if (errors.length > 0 || name === undefined || eventId === undefined) {
    return { ok: false, errors };
  }
  const type = TYPE_BY_EVENT[name] ?? 'track';
  const event: CompatEvent = {
    event_id: eventId,
    type,
    ...((type === 'track' || type === 'page' || type === 'screen') && { name }),
    ...time,
    identifiers: collected.identifiers,
    ...(sets.traits !== undefined && { traits: sets.traits }),
    ...(sets.traitsOnce !== undefined && { traits_once: sets.traitsOnce }),
    properties: withoutKeys(properties, isAlias ? [...NOT_STORED, 'alias'] : NOT_STORED),
    ...libraryContext(message),
  };
  return { ok: true, event, identifierPaths: collected.paths };
}

function readEventName(event: unknown): FieldRead<string> {
  if (nonEmptyString(event) === undefined) {
    const message = typeof event === 'string' || event == null ? 'is required' : 'must be a string';
    return { ok: false, issue: { path: 'event', message } };
  }
  const name = event as string;
  if (name.length > MAX_NAME_LENGTH) {
    return {
      ok: false,
      issue: { path: 'event', message: `must be at most ${MAX_NAME_LENGTH} characters` },
    };
  }
  return { ok: true, value: name };
}

// posthog-node sends a group's own properties under `$<type>_<key>`, a distinct id that
// names no person: linking it would make one profile per group.
function isGroupKey(distinctId: unknown, properties: JsonObject): boolean {
  return distinctId === `$${String(properties.$group_type)}_${String(properties.$group_key)}`;
}

function libraryContext(message: JsonObject): { context?: JsonObject } {
  const name = nonEmptyString(message.library);
  if (name === undefined) return {};
  const version = nonEmptyString(message.library_version);
  return { context: { library: { name, ...(version !== undefined && { version }) } } };
}
