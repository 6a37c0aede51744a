import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { IdentifierHashSchema, IdentifierTypeSchema } from './identifier.schema';
import { EVENTS_PAGE_LIMIT, MAX_IDENTIFIER_VALUE_LENGTH } from './limits';
import { expecting } from './messages';
import { PageCursorSchema, pageLimitSchema } from './page-query.schema';
import { whenObject } from './when-object';

/**
 * GET /api/v1/cdp/profiles: `identifier_type` + `identifier_value` (normalized and hashed
 * by the server), or `identifier_hash` with an optional `identifier_type`.
 */
export const ProfileLookupQuerySchema = z
  .object({
    identifier_type: IdentifierTypeSchema.optional(),
    identifier_value: z
      .string(expecting('a string'))
      .min(1, 'must not be empty')
      .max(MAX_IDENTIFIER_VALUE_LENGTH, `must be at most ${MAX_IDENTIFIER_VALUE_LENGTH} characters`)
      .optional()
      .meta({ description: 'The raw value; needs identifier_type.' }),
    identifier_hash: IdentifierHashSchema.optional(),
    default_country: z
      .string(expecting('a string'))
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code in upper case')
      .optional()
      .meta({ description: 'Country for a phone value written without a country code.' }),
  })
  .superRefine((query, ctx) => {
    const hasValue = query.identifier_value !== undefined;
    const hasHash = query.identifier_hash !== undefined;
    if (hasValue && hasHash) {
      ctx.addIssue({
        code: 'custom',
        path: ['identifier_hash'],
        message: 'must not be given together with identifier_value',
      });
    } else if (!hasValue && !hasHash) {
      ctx.addIssue({
        code: 'custom',
        path: ['identifier_value'],
        message: 'identifier_value or identifier_hash is required',
      });
    } else if (hasValue && query.identifier_type === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['identifier_type'],
        message: 'is required with identifier_value',
      });
    }
  }, whenObject);
export type ProfileLookupQuery = z.infer<typeof ProfileLookupQuerySchema>;

/** GET /api/v1/cdp/profiles/{id}/events: newest first, cursor pagination. */
export const ProfileEventsQuerySchema = z
  .object({
    limit: pageLimitSchema(EVENTS_PAGE_LIMIT),
    cursor: PageCursorSchema,
    from: DateTimeSchema.optional().meta({ description: 'Only events at or after this time.' }),
    to: DateTimeSchema.optional().meta({ description: 'Only events before this time.' }),
    name: z
      .string(expecting('a string'))
      .min(1, 'must not be empty')
      .max(255, 'must be at most 255 characters')
      .optional()
      .meta({ description: 'Only events with this name.' }),
  })
  .superRefine((query, ctx) => {
    if (
      typeof query.from === 'string' &&
      typeof query.to === 'string' &&
      Date.parse(query.from) > Date.parse(query.to)
    ) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    }
  });
export type ProfileEventsQuery = z.infer<typeof ProfileEventsQuerySchema>;
