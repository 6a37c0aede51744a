import type { FieldIssue, JsonObject } from '@stratum/schemas';
import { collectIdentifiers } from './collect-identifiers';
import type { IdentifierSource } from './collect-identifiers';
import { isJsonObject, readObject, withoutKeys } from './json-fields';
import { messageEventId } from './message-event-id';
import { issuesInto, rejected } from './mapped-event';
import type { BatchInfo, CompatEvent, MappedEvent } from './mapped-event';
import { readDateTime } from './read-date-time';
import { segmentNameAndProperties } from './segment-name';

/** The message types of the Segment spec (RudderStack's are the same). */
const SEGMENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;

export type SegmentType = (typeof SEGMENT_TYPES)[number];

// Trait keys that become identifiers; they are taken out of what is stored, which only
// ever holds identifier hashes.
const IDENTIFIER_TRAITS = ['email', 'phone'];

/**
 * Maps one Segment or RudderStack message to a Stratum event (SPEC §10): `messageId` →
 * `event_id` (a hash of the message when absent), `userId` → `external_id`, `anonymousId`
 * → `anonymous_id`, identify's `traits.email`/`phone` and any `context.traits.email`/`phone`
 * → `email`/`phone`, `context.device.id` → `device_id`; an alias links `previousId` (as
 * `anonymous_id`) with `userId`; a group becomes a `track` named `Group` with properties
 * `{ groupId, traits }`. The time is passed on as `timestamp` + `sent_at` (the batch's
 * `sentAt`, else the message's), which the ingest path turns into
 * `receivedAt − (sentAt − originalTimestamp)`. A message that cannot be an event is
 * rejected with the vendor field at fault; no message quotes an identifier.
 */
export function segmentMessageToEvent(message: unknown, batch: BatchInfo): MappedEvent {
  if (!isJsonObject(message)) return rejected('', 'must be a JSON object');
  const type = message.type;
  if (type === undefined || type === null) return rejected('type', 'is required');
  if (!isSegmentType(type)) return rejected('type', `must be one of ${SEGMENT_TYPES.join(', ')}`);

  const errors: FieldIssue[] = [];
  const take = issuesInto(errors);
  const traits = take(readObject(message.traits, 'traits'));
  const context = take(readObject(message.context, 'context'));
  const contextTraits = take(readObject(context?.traits, 'context.traits'));
  const device = take(readObject(context?.device, 'context.device'));
  const eventId = take(messageEventId(message, 'messageId'));
  const time = segmentTime(message, batch, take);
  const named = take(segmentNameAndProperties(type, message, traits));

  const sources: IdentifierSource[] = [
    { type: 'external_id', value: message.userId, path: 'userId' },
    { type: 'anonymous_id', value: message.anonymousId, path: 'anonymousId' },
  ];
  // previousId may have been a userId or an anonymousId; as an anonymous_id it links to
  // the profile it named without counting as a second external_id under merge protection.
  if (type === 'alias') {
    sources.push({ type: 'anonymous_id', value: message.previousId, path: 'previousId' });
  }
  // Only identify's traits are the person's; a group's describe the group (its own email).
  if (type === 'identify') sources.push(...traitIdentifiers(traits, 'traits'));
  sources.push(...traitIdentifiers(contextTraits, 'context.traits'));
  sources.push({ type: 'device_id', value: device?.id, path: 'context.device.id' });
  const collected = collectIdentifiers(sources);
  errors.push(...collected.errors, ...missingIds(type, collected.paths, collected.errors));

  if (errors.length > 0 || eventId === undefined || named === undefined) {
    return { ok: false, errors };
  }
  const event: CompatEvent = {
    event_id: eventId,
    type: type === 'group' ? 'track' : type,
    ...(named.name !== undefined && { name: named.name }),
    ...time,
    identifiers: collected.identifiers,
    ...(type === 'identify' &&
      traits !== undefined && {
        traits: withoutKeys(traits, IDENTIFIER_TRAITS),
      }),
    ...(named.properties !== undefined && { properties: named.properties }),
    ...(context !== undefined && { context: storedContext(context, contextTraits, device) }),
  };
  return { ok: true, event, identifierPaths: collected.paths };
}

function isSegmentType(type: unknown): type is SegmentType {
  return SEGMENT_TYPES.includes(type as SegmentType);
}

function traitIdentifiers(traits: JsonObject | undefined, path: string): IdentifierSource[] {
  return [
    { type: 'email', value: traits?.email, path: `${path}.email` },
    { type: 'phone', value: traits?.phone, path: `${path}.phone` },
  ];
}

/** What is missing among the ids each type needs; `named` are the paths already reported. */
function missingIds(
  type: SegmentType,
  paths: readonly string[],
  named: readonly FieldIssue[],
): FieldIssue[] {
  const given = (field: string) => paths.includes(field) || named.some((e) => e.path === field);
  if (type === 'alias') {
    return (['userId', 'previousId'] as const)
      .filter((field) => !given(field))
      .map((field) => ({ path: field, message: 'is required for alias' }));
  }
  if (given('userId') || given('anonymousId')) return [];
  return [{ path: 'userId', message: 'is required when there is no anonymousId' }];
}

/**
 * `originalTimestamp` is the client's clock when the call was made, and so is `timestamp`
 * when it comes alone (Segment's clients send only that): either is corrected by `sentAt`.
 * RudderStack sends `timestamp` beside `originalTimestamp` only when the caller set it (a
 * historical import), and then uses it as given, uncorrected; so does Stratum.
 */
function segmentTime(
  message: JsonObject,
  batch: BatchInfo,
  take: ReturnType<typeof issuesInto>,
): { timestamp?: string; sent_at?: string } {
  const original = take(readDateTime(message.originalTimestamp, 'originalTimestamp'));
  const given = take(readDateTime(message.timestamp, 'timestamp'));
  const sentAt = take(readDateTime(batch.sentAt ?? message.sentAt, 'sentAt'));
  if (original !== undefined && given !== undefined) return { timestamp: given };
  const timestamp = original ?? given;
  return {
    ...(timestamp !== undefined && { timestamp }),
    ...(sentAt !== undefined && { sent_at: sentAt }),
  };
}

// The context keeps everything but the identifiers; what they leave empty goes too.
function storedContext(
  context: JsonObject,
  contextTraits: JsonObject | undefined,
  device: JsonObject | undefined,
): JsonObject {
  const stored: JsonObject = { ...context };
  const rest = {
    traits: withoutKeys(contextTraits, IDENTIFIER_TRAITS),
    device: withoutKeys(device, ['id']),
  };
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if (Object.keys(value).length === 0) delete stored[key];
    else stored[key] = value;
  }
  return stored;
}
