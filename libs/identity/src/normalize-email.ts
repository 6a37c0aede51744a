import type { ValueResult } from './identifier-error';

const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
// Pragmatic, not RFC 5322: quoted local parts and IP-literal domains are refused, any
// unicode letter is allowed. Characters that cannot appear unquoted are excluded.
const LOCAL_PART = /^[^\s@",:;<>()[\]\\]+$/u;
const DOMAIN_LABEL = /^[^\s@",:;<>()[\]\\.]+$/u;

const INVALID: ValueResult = {
  ok: false,
  code: 'INVALID_EMAIL',
  message: 'is not a valid email address',
};

/**
 * Trims and lowercases an email address and checks its syntax: one `@`, a non-empty
 * local part, a domain of at least two non-empty labels, no spaces, at most 254
 * characters. Unicode is kept as sent (no NFC folding) so hashes match producers that
 * hash `trim().toLowerCase()` on their side, as ad platforms ask them to.
 */
export function normalizeEmail(raw: string): ValueResult {
  const value = raw.trim().toLowerCase();
  if (value === '') return { ok: false, code: 'EMPTY_VALUE', message: 'must not be empty' };
  if (value.length > MAX_EMAIL_LENGTH) return INVALID;
  const at = value.indexOf('@');
  if (at === -1 || at !== value.lastIndexOf('@')) return INVALID;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) return INVALID;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return INVALID;
  return { ok: true, value };
}
