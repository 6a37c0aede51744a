import { sha256Hex } from '@stratum/identity';
import { isJsonObject } from './json-fields';

/** A field whose value is personal or secret, by its dotted path in a vendor message. */
interface RedactedFields {
  /** Identifier fields: their value becomes `{ hashed: sha256(trimmed text) }`. */
  hash: readonly string[];
  /** Credentials a client may put in a message (a write key): removed. */
  drop: readonly string[];
}

// Identifier fields as Segment, RudderStack and PostHog clients send them (see the mapping).
const SEGMENT_FIELDS: RedactedFields = {
  hash: [
    'userId',
    'anonymousId',
    'previousId',
    'traits.email',
    'traits.phone',
    'context.traits.email',
    'context.traits.phone',
    'context.device.id',
  ],
  drop: ['writeKey'],
};

const POSTHOG_FIELDS: RedactedFields = {
  hash: [
    'distinct_id',
    'properties.distinct_id',
    'properties.$anon_distinct_id',
    'properties.alias',
    ...['$set', '$set_once', 'properties.$set', 'properties.$set_once'].flatMap((set) => [
      `${set}.email`,
      `${set}.phone`,
    ]),
  ],
  drop: ['api_key', 'token', 'properties.token', 'properties.api_key'],
};

/**
 * A copy of a message with every identifier field hashed and credentials removed, for the
 * rejected-events log of a message that could not be mapped. A field that is neither text
 * nor a number (an object where an email should be) is replaced by `"[redacted]"`: it may
 * still hold a value. The hash is of the trimmed text, not normalized: the message was
 * refused before normalization. A message that is not an object is kept only when it is a
 * number, a boolean or null.
 */
function redactMessage(message: unknown, fields: RedactedFields): unknown {
  if (!isJsonObject(message)) return isScalar(message) ? message : '[redacted]';
  const copy = JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
  for (const path of fields.hash) {
    replaceAt(copy, path.split('.'), (value) =>
      typeof value === 'string' || typeof value === 'number'
        ? { hashed: sha256Hex(String(value).trim()) }
        : value === null
          ? null
          : '[redacted]',
    );
  }
  for (const path of fields.drop) replaceAt(copy, path.split('.'), () => undefined);
  return copy;
}

/** {@link redactMessage} for a Segment or RudderStack message. */
export function redactSegmentMessage(message: unknown): unknown {
  return redactMessage(message, SEGMENT_FIELDS);
}

/** {@link redactMessage} for a PostHog message. */
export function redactPosthogMessage(message: unknown): unknown {
  return redactMessage(message, POSTHOG_FIELDS);
}

// Text is refused as a message, but it might be an identifier: it is not kept.
function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'number' || typeof value === 'boolean';
}

function replaceAt(
  object: Record<string, unknown>,
  path: readonly string[],
  replace: (value: unknown) => unknown,
): void {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(object, head)) return;
  if (rest.length > 0) {
    const inner = object[head];
    if (isJsonObject(inner)) replaceAt(inner, rest, replace);
    return;
  }
  const replaced = replace(object[head]);
  if (replaced === undefined) delete object[head];
  else object[head] = replaced;
}
