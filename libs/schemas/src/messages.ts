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
