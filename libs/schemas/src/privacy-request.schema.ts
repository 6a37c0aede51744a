import { z } from 'zod';
import { DateTimeSchema } from './datetime.schema';
import {
  IdentifierHashSchema,
  IdentifierInputSchema,
  IdentifierTypeSchema,
} from './identifier.schema';
import { expecting, rangeMessage } from './messages';

/** What a privacy request asks for (SPEC §13). */
export const PRIVACY_REQUEST_TYPES = ['erase', 'suppress', 'unsuppress', 'access'] as const;
/** Where a privacy request is. */
const PRIVACY_REQUEST_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
/** How many identifiers one request may name. */
const MAX_PRIVACY_IDENTIFIERS = 100;

const PrivacyRequestTypeSchema = z
  .enum(PRIVACY_REQUEST_TYPES, { error: `must be one of ${PRIVACY_REQUEST_TYPES.join(', ')}` })
  .meta({
    id: 'PrivacyRequestType',
    description:
      '`erase` deletes the profiles the identifiers resolve to and everything held about them; `suppress` stops storing events that carry one of the identifiers, `unsuppress` lifts that; `access` builds one JSON document of everything held.',
  });
export type PrivacyRequestType = z.infer<typeof PrivacyRequestTypeSchema>;

const PrivacyRequestStatusSchema = z.enum(PRIVACY_REQUEST_STATUSES).meta({
  id: 'PrivacyRequestStatus',
  description:
    '`pending` (queued), `running`, `done` or `failed`. Suppress and unsuppress are done when answered.',
});
export type PrivacyRequestStatus = z.infer<typeof PrivacyRequestStatusSchema>;

const PrivacyRequestIdSchema = z
  .guid({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a UUID') })
  .meta({
    format: 'uuid',
    description: 'A privacy request id (UUID).',
    example: '2b7c9e4a-1f3d-4a6b-8c2e-9d0f1a2b3c4d',
  });

/** Path parameters of `/privacy-requests/{id}…`. */
export const PrivacyRequestIdParamsSchema = z.object({ id: PrivacyRequestIdSchema });

/** POST /api/v1/cdp/privacy-requests. */
export const PrivacyRequestInputSchema = z
  .object(
    {
      type: PrivacyRequestTypeSchema,
      identifiers: z
        .array(IdentifierInputSchema, expecting('an array'))
        .min(1, rangeMessage(1, MAX_PRIVACY_IDENTIFIERS, 'identifiers'))
        .max(MAX_PRIVACY_IDENTIFIERS, rangeMessage(1, MAX_PRIVACY_IDENTIFIERS, 'identifiers'))
        .meta({
          description:
            'Raw values are normalized and hashed exactly as ingestion does (a phone number needs its country code); only the hashes are kept.',
        }),
    },
    expecting('an object'),
  )
  .meta({
    id: 'PrivacyRequestInput',
    example: { type: 'access', identifiers: [{ type: 'email', value: 'jane@example.com' }] },
  });
export type PrivacyRequestInput = z.infer<typeof PrivacyRequestInputSchema>;

/** The 202 answer to a new request. */
export const PrivacyRequestAcceptedSchema = z
  .object({ request_id: PrivacyRequestIdSchema, status: PrivacyRequestStatusSchema })
  .meta({ id: 'PrivacyRequestAccepted' });
export type PrivacyRequestAccepted = z.infer<typeof PrivacyRequestAcceptedSchema>;

/** A request's identifier as audited: its hash, null once an erasure has run. */
const PrivacyRequestIdentifierSchema = z
  .object({ type: IdentifierTypeSchema, hash: IdentifierHashSchema.nullable() })
  .meta({
    id: 'PrivacyRequestIdentifier',
    description:
      'An identifier of the request. An erasure drops the hashes of what it erased from every request, its own included: only the type stays.',
  });

/** GET /api/v1/cdp/privacy-requests/{id}. */
export const PrivacyRequestSchema = z
  .object({
    request_id: PrivacyRequestIdSchema,
    type: PrivacyRequestTypeSchema,
    status: PrivacyRequestStatusSchema,
    identifiers: z.array(PrivacyRequestIdentifierSchema),
    profiles_affected: z.number().int().min(0).nullable().meta({
      description:
        'The profiles the identifiers resolved to, those merged into them included; null until known. Zero when no profile holds any of the identifiers.',
    }),
    counts: z.record(z.string(), z.number().int().min(0)).meta({
      description:
        'What the request did, by kind: e.g. `suppressions_added`, `events`, `identifiers`.',
      example: { identifiers_matched: 1, profiles: 1, events: 12 },
    }),
    progress: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'What a running request has done so far.' }),
    message: z.string().meta({ description: 'What happened, in a sentence.' }),
    error: z.string().nullable().meta({ description: 'Why a failed request failed.' }),
    created_at: DateTimeSchema,
    started_at: DateTimeSchema.nullable(),
    finished_at: DateTimeSchema.nullable(),
    result_expired_at: DateTimeSchema.nullable().meta({
      description:
        'When retention deleted the document of an access request (`PRIVACY_ACCESS_RESULT_DAYS` after it finished); its result is then `410`.',
    }),
  })
  .meta({ id: 'PrivacyRequest' });
export type PrivacyRequest = z.infer<typeof PrivacyRequestSchema>;
