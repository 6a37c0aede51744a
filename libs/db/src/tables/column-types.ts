import type { ColumnType } from 'kysely';

/**
 * A `timestamptz` column: read as a `Date` (an absolute instant), written as a `Date` or an
 * ISO 8601 string carrying an offset.
 */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A `timestamptz` column with a database default (`now()`), optional on insert. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Any JSON value, as stored in `jsonb`. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object, as stored in `jsonb`. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * A `jsonb` column holding an object. node-postgres serialises plain objects as JSON, so an
 * object (or JSON text) may be written directly.
 */
export type JsonObjectColumn<T extends object = JsonObject> = ColumnType<T, T | string, T | string>;

/** Like {@link JsonObjectColumn}, with a database default. */
export type GeneratedJsonObjectColumn<T extends object = JsonObject> = ColumnType<
  T,
  T | string | undefined,
  T | string
>;

/**
 * A `jsonb` column holding an array. node-postgres turns a JS array into a PostgreSQL array
 * literal, not JSON, so arrays must be written as JSON text (`JSON.stringify(value)`).
 */
export type JsonArrayColumn<T> = ColumnType<T[], string | undefined, string>;
