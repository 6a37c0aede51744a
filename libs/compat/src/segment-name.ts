import type { JsonObject } from '@stratum/schemas';
import { isJsonObject, nonEmptyString } from './json-fields';
import type { FieldRead } from './mapped-event';
import type { SegmentType } from './segment';

const MAX_NAME_LENGTH = 255;

/** The Stratum event name a Segment `group` call is stored under. */
const GROUP_EVENT_NAME = 'Group';

type NameAndProperties = { name?: string; properties?: JsonObject };
type Result = FieldRead<NameAndProperties>;

/**
 * The Stratum `name` and `properties` of a Segment message: a track's `event`; a page's
 * or screen's `name`, its `category` kept among the properties; for a group, the name
 * {@link GROUP_EVENT_NAME} and properties `{ groupId, traits }`.
 */
export function segmentNameAndProperties(
  type: SegmentType,
  message: JsonObject,
  traits: JsonObject | undefined,
): Result {
  const properties = message.properties;
  if (properties !== undefined && properties !== null && !isJsonObject(properties)) {
    return issue('properties', 'must be a JSON object');
  }
  const given = properties ?? undefined;
  switch (type) {
    case 'track': {
      const event = message.event;
      if (event === undefined || event === null || (typeof event === 'string' && !event.trim())) {
        return issue('event', 'is required for track');
      }
      return withName('event', event, { properties: given ?? {} });
    }
    case 'page':
    case 'screen': {
      const category = nonEmptyString(message.category);
      const withCategory =
        category !== undefined && given?.category === undefined ? { ...given, category } : given;
      const value = { properties: withCategory ?? {} };
      const name = message.name;
      return name === undefined || name === null || name === ''
        ? { ok: true, value }
        : withName('name', name, value);
    }
    case 'group': {
      const groupId = message.groupId;
      const id =
        typeof groupId === 'number' && Number.isFinite(groupId) ? String(groupId) : groupId;
      if (nonEmptyString(id) === undefined) {
        return issue('groupId', 'is required for group');
      }
      return {
        ok: true,
        value: {
          name: GROUP_EVENT_NAME,
          properties: { ...given, groupId: id, traits: traits ?? {} },
        },
      };
    }
    default:
      return { ok: true, value: given === undefined ? {} : { properties: given } };
  }
}

function withName(path: string, name: unknown, value: NameAndProperties): Result {
  if (typeof name !== 'string') return issue(path, 'must be a string');
  if (name.length > MAX_NAME_LENGTH) {
    return issue(path, `must be at most ${MAX_NAME_LENGTH} characters`);
  }
  return { ok: true, value: { ...value, name } };
}

function issue(path: string, message: string): Result {
  return { ok: false, issue: { path, message } };
}
