import type { JsonObject } from '@stratum/schemas';
import type { FieldRead } from './mapped-event';

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `value`, `undefined` when absent (null counts as absent), or an issue. */
export function readObject(value: unknown, path: string): FieldRead<JsonObject | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (isJsonObject(value)) return { ok: true, value };
  return { ok: false, issue: { path, message: 'must be a JSON object' } };
}

/** A copy of `object` without `keys`; `undefined` stays `undefined`. */
export function withoutKeys(
  object: JsonObject | undefined,
  keys: readonly string[],
): JsonObject | undefined {
  if (object === undefined) return undefined;
  const copy = { ...object };
  for (const key of keys) delete copy[key];
  return copy;
}

/** A non-empty string, or `undefined` for anything else. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
