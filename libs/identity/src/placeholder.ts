import { sha256Hex } from './sha256';

/** Values buggy producers send instead of a real identifier, compared lowercased. */
export const BUILT_IN_PLACEHOLDERS: readonly string[] = [
  'null',
  'undefined',
  'none',
  'nan',
  'anonymous',
  'unknown',
  'guest',
  '[object object]',
  '-1',
];

const BUILT_IN = new Set(BUILT_IN_PLACEHOLDERS);
const ONLY_ZEROS = /^0+$/;
const ONLY_DASHES = /^-+$/;

/**
 * Tells whether a (normalized) identifier value is a known junk placeholder: one of
 * {@link BUILT_IN_PLACEHOLDERS}, only zeros, only dashes, or one of the tenant's `extra`
 * values. Comparison is case-insensitive after trimming.
 */
export function isPlaceholderValue(normalizedValue: string, extra?: readonly string[]): boolean {
  const candidate = normalizedValue.trim().toLowerCase();
  if (candidate === '') return false;
  if (BUILT_IN.has(candidate) || ONLY_ZEROS.test(candidate) || ONLY_DASHES.test(candidate)) {
    return true;
  }
  return extra?.some((value) => value.trim().toLowerCase() === candidate) ?? false;
}

// Producers that hash on their side hash whatever casing they had, so the common casings
// of each word are covered. Runs of zeros or dashes cannot all be listed; 1 to 64
// characters covers what real producers send.
const MAX_RUN = 64;

function casings(word: string): string[] {
  const title = word.charAt(0).toUpperCase() + word.slice(1);
  return [word, word.toUpperCase(), title];
}

function builtInPlaceholderHashes(): ReadonlySet<string> {
  const values = new Set<string>(['[object Object]']);
  for (const word of BUILT_IN_PLACEHOLDERS) casings(word).forEach((v) => values.add(v));
  for (let length = 1; length <= MAX_RUN; length += 1) {
    values.add('0'.repeat(length));
    values.add('-'.repeat(length));
  }
  return new Set([...values].map(sha256Hex));
}

const BUILT_IN_HASHES = builtInPlaceholderHashes();
const extraHashCache = new WeakMap<readonly string[], ReadonlySet<string>>();

function extraHashes(extra: readonly string[]): ReadonlySet<string> {
  let hashes = extraHashCache.get(extra);
  if (hashes === undefined) {
    const values = extra.flatMap((value) => [value.trim(), value.trim().toLowerCase()]);
    hashes = new Set(values.map(sha256Hex));
    extraHashCache.set(extra, hashes);
  }
  return hashes;
}

/**
 * Tells whether a pre-hashed identifier is the SHA-256 of a placeholder: a built-in one
 * (in lower, upper or title case; zeros and dashes up to 64 long) or one of the tenant's
 * `extra` values (as given after trimming, or lowercased).
 */
export function isPlaceholderHash(hash: string, extra?: readonly string[]): boolean {
  if (BUILT_IN_HASHES.has(hash)) return true;
  return extra !== undefined && extra.length > 0 && extraHashes(extra).has(hash);
}
