import type { IdentifierType as NormalizedIdentifierType } from '@stratum/identity';
import { z } from 'zod';
import { MAX_IDENTIFIER_VALUE_LENGTH } from './limits';
import { LONE_SURROGATE_MESSAGE, NUL_MESSAGE, expecting, wellFormed, withoutNul } from './messages';
import { whenObject } from './when-object';

// Kept here rather than imported from @stratum/identity so that browser bundles of the
// schemas do not pull node:crypto and the phone metadata; the type check below and a
// test keep both lists equal.
/** Every identifier type an event may carry. */
export const IDENTIFIER_TYPES = [
  'email',
  'phone',
  'external_id',
  'anonymous_id',
  'device_id',
] as const satisfies readonly NormalizedIdentifierType[];

type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const identifierTypesMatch: SameMembers<
  (typeof IDENTIFIER_TYPES)[number],
  NormalizedIdentifierType
> = true;
void identifierTypesMatch;

// A type is echoed only when it looks like a type name, never like a value (no `@`,
// `+`, digits-only…), so a producer who puts an email in `type` does not see it quoted.
const ECHOABLE_TYPE = /^[a-z][a-z0-9_-]{0,31}$/i;
const TYPE_LIST = IDENTIFIER_TYPES.join(', ');

function identifierTypeError(issue: z.core.$ZodRawIssue): string {
  if (issue.input === undefined) return 'is required';
  if (typeof issue.input === 'string' && ECHOABLE_TYPE.test(issue.input)) {
    return `unknown identifier type '${issue.input}'`;
  }
  return `must be one of ${TYPE_LIST}`;
}

export const IdentifierTypeSchema = z
  .enum(IDENTIFIER_TYPES, { error: identifierTypeError })
  .meta({ id: 'IdentifierType', description: 'The kind of identifier.' });

export type IdentifierType = z.infer<typeof IdentifierTypeSchema>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** 64 lowercase hex digits: the SHA-256 of a normalized identifier value. */
export const IdentifierHashSchema = z
  .string(expecting('a string'))
  .regex(SHA256_HEX, 'must be 64 lowercase hexadecimal characters (SHA-256)')
  .meta({
    description: 'Lowercase hex SHA-256 of the normalized value.',
    example: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
  });

/**
 * An identifier as producers send it: `{ type, value }`, or `{ type, hash }` for producers
 * that hash on their side. Exactly one of `value` and `hash`.
 */
export const IdentifierInputSchema = z
  .object(
    {
      type: IdentifierTypeSchema,
      value: z
        .string(expecting('a string'))
        .min(1, 'must not be empty')
        .max(
          MAX_IDENTIFIER_VALUE_LENGTH,
          `must be at most ${MAX_IDENTIFIER_VALUE_LENGTH} characters`,
        )
        // Hashed as UTF-8: a lone surrogate would hash as U+FFFD, one value for many inputs.
        .refine(withoutNul, NUL_MESSAGE)
        .refine(wellFormed, LONE_SURROGATE_MESSAGE)
        .optional()
        .meta({ description: 'The raw value; normalized and hashed by the server, never stored.' }),
      hash: IdentifierHashSchema.optional(),
    },
    expecting('an object'),
  )
  .superRefine(exactlyOneOfValueOrHash, whenObject)
  .meta({
    id: 'IdentifierInput',
    description: 'An identifier with either its raw `value` or its `hash`, not both.',
    example: { type: 'email', value: ' Jane.Doe@Example.COM ' },
    oneOf: [{ required: ['value'] }, { required: ['hash'] }],
  });

export type IdentifierInput = z.infer<typeof IdentifierInputSchema>;

function exactlyOneOfValueOrHash(
  identifier: { value?: string | undefined; hash?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  const hasValue = identifier.value !== undefined;
  const hasHash = identifier.hash !== undefined;
  if (hasValue && hasHash) {
    ctx.addIssue({
      code: 'custom',
      path: ['hash'],
      message: 'must not be given together with value',
    });
  } else if (!hasValue && !hasHash) {
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: 'is required (or give hash instead)',
    });
  }
}

/** An identifier as stored and returned: its type and hash, never its value. */
export const HashedIdentifierSchema = z
  .object({ type: IdentifierTypeSchema, hash: IdentifierHashSchema })
  .meta({ id: 'HashedIdentifier' });

export type HashedIdentifier = z.infer<typeof HashedIdentifierSchema>;
