import type { z } from 'zod';

/**
 * An error map for a schema's own type check: "is required" when the field is missing,
 * "must be <noun>" when it has the wrong type. Other issues (length, format…) keep their
 * own messages. Neither ever quotes the input.
 */
export function expecting(noun: string): { error: z.core.$ZodErrorMap } {
  return {
    error: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      return issue.input === undefined ? 'is required' : `must be ${noun}`;
    },
  };
}

/** "must be 1 to 128 characters" style message for a length or count range. */
export function rangeMessage(min: number, max: number, unit: string): string {
  return `must be ${min} to ${max} ${unit}`;
}

/** PostgreSQL text and jsonb cannot hold U+0000: refused up front, naming the field. */
export const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';

/** For `.refine`: true when a string holds no NUL character. */
export function withoutNul(value: string): boolean {
  return !value.includes('\0');
}

/** UTF-8, PostgreSQL's encoding, has no form for half of a UTF-16 surrogate pair. */
export const LONE_SURROGATE_MESSAGE =
  'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored';

// With the `u` flag a pattern reads code points: a surrogate pair is one code point, so only
// a lone half matches. (String.prototype.isWellFormed is ES2024, past the ES2023 lib these
// schemas are checked against and some of the browsers they run in.)
const LONE_SURROGATE = /\p{Cs}/u;

/** For `.refine`: true when a string holds no lone surrogate (its UTF-8 would be lossy). */
export function wellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** Why PostgreSQL could not store a string as text or jsonb as it is, if it could not. */
export function unstorableText(value: string): string | undefined {
  if (!withoutNul(value)) return NUL_MESSAGE;
  if (!wellFormed(value)) return LONE_SURROGATE_MESSAGE;
  return undefined;
}
