import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import { IdentifierInputSchema } from './identifier.schema';
import { ProfileIdSchema } from './ids.schema';
import { MAX_CONSENTS_PER_REQUEST, MAX_IDENTIFIERS } from './limits';
import {
  LONE_SURROGATE_MESSAGE,
  NUL_MESSAGE,
  expecting,
  rangeMessage,
  wellFormed,
  withoutNul,
} from './messages';

export const CONSENT_PURPOSES = [
  'analytics',
  'marketing',
  'advertising',
  'personalization',
  'sale_of_data',
] as const;

export const CONSENT_STATUSES = ['granted', 'denied'] as const;

const oneOf = (values: readonly string[]) => ({
  error: (issue: z.core.$ZodRawIssue) =>
    issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')}`,
});

export const ConsentPurposeSchema = z
  .enum(CONSENT_PURPOSES, oneOf(CONSENT_PURPOSES))
  .meta({ id: 'ConsentPurpose' });
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

export const ConsentStatusSchema = z
  .enum(CONSENT_STATUSES, oneOf(CONSENT_STATUSES))
  .meta({ id: 'ConsentStatus' });
export type ConsentStatus = z.infer<typeof ConsentStatusSchema>;

/** One consent change; `timestamp` defaults to the receive time. */
const ConsentChangeSchema = z
  .object(
    {
      purpose: ConsentPurposeSchema,
      status: ConsentStatusSchema,
      timestamp: DateTimeSchema.optional(),
    },
    expecting('an object'),
  )
  .meta({ id: 'ConsentChange' });
export type ConsentChange = z.infer<typeof ConsentChangeSchema>;

/** The body of POST /api/v1/cdp/consents. */
export const ConsentRequestSchema = z
  .object(
    {
      identifiers: z
        .array(IdentifierInputSchema, expecting('an array'))
        .min(1, rangeMessage(1, MAX_IDENTIFIERS, 'identifiers'))
        .max(MAX_IDENTIFIERS, rangeMessage(1, MAX_IDENTIFIERS, 'identifiers')),
      consents: z
        .array(ConsentChangeSchema, expecting('an array'))
        .min(1, rangeMessage(1, MAX_CONSENTS_PER_REQUEST, 'consents'))
        .max(MAX_CONSENTS_PER_REQUEST, rangeMessage(1, MAX_CONSENTS_PER_REQUEST, 'consents')),
      source: z
        .string(expecting('a string'))
        .min(1, rangeMessage(1, 100, 'characters'))
        .max(100, rangeMessage(1, 100, 'characters'))
        .refine(withoutNul, NUL_MESSAGE)
        .refine(wellFormed, LONE_SURROGATE_MESSAGE)
        .optional()
        .meta({ description: 'Where the consent was given.', example: 'cookie-banner' }),
    },
    expecting('a JSON object'),
  )
  .meta({ id: 'ConsentRequest' });
export type ConsentRequest = z.infer<typeof ConsentRequestSchema>;

/** The current state of one purpose: the latest change by timestamp. */
export const ConsentStateSchema = z
  .object({
    purpose: ConsentPurposeSchema,
    status: ConsentStatusSchema,
    timestamp: DateTimeSchema,
    source: z.string().nullable(),
  })
  .meta({ id: 'ConsentState' });
export type ConsentState = z.infer<typeof ConsentStateSchema>;

/** The answer to POST /api/v1/cdp/consents (201): the decisions were recorded. */
export const ConsentResponseSchema = z
  .object({
    status: z.literal('accepted').meta({ description: 'The decisions were recorded.' }),
    profile_id: ProfileIdSchema,
    consents: z.array(ConsentStateSchema),
  })
  .meta({ id: 'ConsentResponse' });
export type ConsentResponse = z.infer<typeof ConsentResponseSchema>;

/**
 * The answer to POST /api/v1/cdp/consents (200) when an identifier is under a privacy
 * suppression: nothing was recorded, and no profile was created or linked.
 */
export const ConsentSuppressedResponseSchema = z
  .object({
    status: z.literal('suppressed').meta({
      description:
        'An identifier of the request is suppressed (privacy request): nothing was stored.',
    }),
    profile_id: z.null(),
    consents: z.array(ConsentStateSchema).max(0),
  })
  .meta({ id: 'ConsentSuppressedResponse' });
export type ConsentSuppressedResponse = z.infer<typeof ConsentSuppressedResponseSchema>;

/** One recorded change, as kept in the append-only history. */
const ConsentHistoryEntrySchema = ConsentStateSchema.extend({
  recorded_at: DateTimeSchema.meta({ description: 'When the server recorded it.' }),
}).meta({ id: 'ConsentHistoryEntry' });
export type ConsentHistoryEntry = z.infer<typeof ConsentHistoryEntrySchema>;

/** The answer to GET /api/v1/cdp/profiles/{id}/consents, newest first. */
export const ConsentHistoryResponseSchema = z
  .object({ profile_id: ProfileIdSchema, consents: z.array(ConsentHistoryEntrySchema) })
  .meta({ id: 'ConsentHistoryResponse' });
export type ConsentHistoryResponse = z.infer<typeof ConsentHistoryResponseSchema>;
