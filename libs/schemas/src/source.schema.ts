import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { SourceIdSchema } from './ids.schema';
import { AllowedOriginsSchema } from './origin.schema';
import {
  LONE_SURROGATE_MESSAGE,
  NUL_MESSAGE,
  expecting,
  rangeMessage,
  wellFormed,
  withoutNul,
} from './messages';
import { whenObject } from './when-object';

const MAX_RATE_LIMIT = 100_000;

const name = z
  .string(expecting('a string'))
  .trim()
  .min(1, rangeMessage(1, 100, 'characters'))
  .max(100, rangeMessage(1, 100, 'characters'))
  .refine(withoutNul, NUL_MESSAGE)
  .refine(wellFormed, LONE_SURROGATE_MESSAGE)
  .meta({ example: 'Web shop' });

const defaultCountry = z
  .string(expecting('a string'))
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code in upper case, like DE')
  .meta({
    description: 'Country for phone numbers written without a country code.',
    example: 'DE',
  });

const RATE_MESSAGE = `must be an integer from 1 to ${MAX_RATE_LIMIT}`;
const rateLimit = z
  .number(expecting('a number'))
  .int(RATE_MESSAGE)
  .min(1, RATE_MESSAGE)
  .max(MAX_RATE_LIMIT, RATE_MESSAGE)
  .meta({ description: 'Requests a minute for this source; overrides the default.' });

/** The body of POST /api/v1/cdp/sources. */
export const SourceCreateSchema = z
  .object(
    {
      name,
      default_country: defaultCountry.optional(),
      rate_limit_per_minute: rateLimit.optional(),
      allowed_origins: AllowedOriginsSchema.nullable().optional(),
    },
    expecting('a JSON object'),
  )
  .meta({ id: 'SourceCreate' });
export type SourceCreate = z.infer<typeof SourceCreateSchema>;

const PATCHABLE = [
  'name',
  'enabled',
  'default_country',
  'rate_limit_per_minute',
  'allowed_origins',
] as const;

/** The body of PATCH /api/v1/cdp/sources/{id}; `null` resets a setting to its default. */
export const SourcePatchSchema = z
  .object(
    {
      name: name.optional(),
      enabled: z.boolean(expecting('a boolean')).optional(),
      default_country: defaultCountry.nullable().optional(),
      rate_limit_per_minute: rateLimit.nullable().optional(),
      allowed_origins: AllowedOriginsSchema.nullable().optional(),
    },
    expecting('a JSON object'),
  )
  .superRefine((patch, ctx) => {
    if (PATCHABLE.every((key) => patch[key] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `give at least one of ${PATCHABLE.join(', ')}`,
      });
    }
  }, whenObject)
  .meta({ id: 'SourcePatch' });
export type SourcePatch = z.infer<typeof SourcePatchSchema>;

/** A source as the API returns it. The write key is never returned again after creation. */
export const SourceSchema = z
  .object({
    source_id: SourceIdSchema,
    name: z.string(),
    enabled: z.boolean(),
    default_country: z.string().nullable(),
    rate_limit_per_minute: z.number().int().nullable(),
    allowed_origins: z.array(z.string()).nullable().meta({
      description: 'Origins whose web pages may send events (CORS); null: any.',
    }),
    created_at: DateTimeSchema,
    updated_at: DateTimeSchema,
  })
  .meta({ id: 'Source' });
export type Source = z.infer<typeof SourceSchema>;

const writeKey = z.string().meta({
  description: 'The write key (`cdp_wk_…`), shown this once; only its hash is stored.',
  example: 'cdp_wk_Jx4bN0l2cP5vQ9rS8tU7wX6yZ1aB3dE4fG5hI6jK7lM',
});

/** The answer to POST /api/v1/cdp/sources. */
export const SourceCreatedSchema = SourceSchema.extend({ write_key: writeKey }).meta({
  id: 'SourceCreated',
});
export type SourceCreated = z.infer<typeof SourceCreatedSchema>;

/** The answer to POST /api/v1/cdp/sources/{id}/rotate-key; the old key is revoked. */
export const RotateKeyResponseSchema = z
  .object({ source_id: SourceIdSchema, write_key: writeKey })
  .meta({ id: 'RotateKeyResponse' });
export type RotateKeyResponse = z.infer<typeof RotateKeyResponseSchema>;

/** The answer to GET /api/v1/cdp/sources. */
export const SourceListSchema = z
  .object({ sources: z.array(SourceSchema) })
  .meta({ id: 'SourceList' });
export type SourceList = z.infer<typeof SourceListSchema>;
