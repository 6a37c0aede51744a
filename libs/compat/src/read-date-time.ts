import type { FieldRead } from './mapped-event';

// ISO 8601 date and time, seconds and fraction optional, offset optional (see below).
const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const MESSAGE = 'must be an ISO 8601 date-time, like 2026-11-20T10:15:00.000Z';

/**
 * Reads a vendor timestamp and writes it the way Stratum stores it: UTC, millisecond
 * precision (`toISOString`). A time without an offset is taken as UTC, which is what the
 * vendors' servers do and what every client means when it drops the `Z`; reading it in the
 * server's own zone would make the result depend on where Stratum runs. Absent and null are
 * `undefined`; anything unreadable is an issue naming the field.
 */
export function readDateTime(value: unknown, path: string): FieldRead<string | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  const match = typeof value === 'string' ? ISO_DATE_TIME.exec(value.trim()) : null;
  if (match === null) return { ok: false, issue: { path, message: MESSAGE } };
  const [, date, time, offset] = match;
  const ms = Date.parse(`${date}T${time}${normalizeOffset(offset)}`);
  if (Number.isNaN(ms)) return { ok: false, issue: { path, message: MESSAGE } };
  return { ok: true, value: new Date(ms).toISOString() };
}

function normalizeOffset(offset: string | undefined): string {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 'Z';
  const digits = offset.slice(1).replace(':', '');
  return `${offset.charAt(0)}${digits.slice(0, 2)}:${digits.slice(2).padEnd(2, '0')}`;
}
