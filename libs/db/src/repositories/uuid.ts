const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a string is a UUID in its canonical text form. Look-ups check it first so that a
 * malformed id from a URL reads as "not found" instead of a PostgreSQL cast error.
 */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
