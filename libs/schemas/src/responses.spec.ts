import { BatchResponseSchema } from './batch-response.schema';
import {
  ConsentHistoryResponseSchema,
  ConsentResponseSchema,
  ConsentSuppressedResponseSchema,
} from './consent.schema';
import { HealthSchema, ReadinessSchema } from './health.schema';
import { ProblemSchema } from './problem.schema';
import { ProfileEventsPageSchema } from './profile-event.schema';
import { ProfileSchema } from './profile.schema';
import { SegmentChangesPageSchema, SegmentMembersPageSchema } from './segment-membership.schema';
import { RotateKeyResponseSchema, SourceCreatedSchema, SourceListSchema } from './source.schema';

const PROFILE_ID = '0b8f4d52-5d7e-4c1a-9a57-3b8e9f2c1d40';
const SOURCE_ID = '5f0c2a9e-8f3b-4f7d-b2a4-6a1e0d9c7b12';
const SEGMENT_ID = '7d1e3b0a-2c4f-4e8a-9b6d-1f2e3a4b5c6d';
const HASH = '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d';
const AT = '2026-11-20T09:15:00.000Z';
const CONSENT = { purpose: 'marketing', status: 'granted', timestamp: AT, source: 'cookie-banner' };
const SOURCE = {
  source_id: SOURCE_ID,
  name: 'Web shop',
  enabled: true,
  default_country: null,
  rate_limit_per_minute: null,
  allowed_origins: null,
  created_at: AT,
  updated_at: AT,
};

describe('response schemas describe what the APIs send', () => {
  it.each<[string, { safeParse: (value: unknown) => { success: boolean } }, unknown]>([
    [
      'BatchResponse (the SPEC example)',
      BatchResponseSchema,
      {
        accepted: 1,
        duplicates: 0,
        rejected: 1,
        results: [
          { index: 0, event_id: '7d1c', status: 'accepted', profile_id: PROFILE_ID },
          {
            index: 1,
            event_id: 'x',
            status: 'rejected',
            errors: [{ path: 'identifiers.0.type', message: "unknown identifier type 'fax'" }],
          },
          {
            index: 2,
            event_id: null,
            status: 'duplicate',
            profile_id: PROFILE_ID,
            warnings: [{ path: 'identifiers.1.value', message: 'is a placeholder' }],
          },
        ],
        match_quality: {
          score: 3,
          rating: 'poor',
          keys: { email: 1, phone: 0, external_id: 0, click_id: 0, ip: 0, user_agent: 0 },
          advice:
            'Send a phone identifier with more events: 0% carry it; all of them would add 2 points.',
        },
      },
    ],
    [
      'Problem',
      ProblemSchema,
      {
        type: 'https://stratum-cdp.dev/problems/validation-failed',
        title: 'Validation failed',
        status: 400,
        detail: 'Every event of the request was rejected.',
        request_id: null,
        errors: [{ path: 'events', message: 'must be 1 to 500 events' }],
      },
    ],
    [
      'Profile',
      ProfileSchema,
      {
        profile_id: PROFILE_ID,
        identifiers: [{ type: 'email', hash: HASH, first_seen_at: AT, last_seen_at: AT }],
        traits: { plan: 'pro' },
        consents: [CONSENT],
        merged_ids: [SOURCE_ID],
        merges: [
          {
            merge_id: SEGMENT_ID,
            merged_profile_id: SOURCE_ID,
            merged_at: AT,
            event_id: 'e-1',
            first_seen_at: AT,
            last_seen_at: AT,
          },
        ],
        splits: [
          {
            split_id: SOURCE_ID,
            merge_id: SEGMENT_ID,
            other_profile_id: PROFILE_ID,
            other_first_seen_at: AT,
            other_last_seen_at: AT,
            split_at: AT,
          },
        ],
        refused_merges: [
          {
            other_profile_id: SOURCE_ID,
            other_first_seen_at: AT,
            other_last_seen_at: AT,
            reason: 'identifier_limit',
            first_event_id: 'e-2',
            last_event_id: null,
            first_refused_at: AT,
            last_refused_at: AT,
            refusals: 1,
          },
        ],
        first_seen_at: AT,
        last_seen_at: AT,
        event_count: 3,
        segments: [SEGMENT_ID],
      },
    ],
    [
      'SegmentMembersPage',
      SegmentMembersPageSchema,
      { members: [{ profile_id: PROFILE_ID, entered_at: AT }], next_cursor: null },
    ],
    [
      'SegmentChangesPage',
      SegmentChangesPageSchema,
      {
        changes: [{ profile_id: PROFILE_ID, change: 'exited', at: AT, version: 2 }],
        next_cursor: 'eyJsIjo0Mn0',
        has_more: false,
      },
    ],
    [
      'ProfileEventsPage',
      ProfileEventsPageSchema,
      {
        events: [
          {
            event_id: 'e-1',
            type: 'track',
            name: 'Order Completed',
            timestamp: AT,
            received_at: AT,
            source_id: SOURCE_ID,
            profile_id: PROFILE_ID,
            identifiers: [{ type: 'email', hash: HASH }],
            traits: null,
            properties: { revenue: 129.9 },
            context: {},
          },
        ],
        next_cursor: null,
      },
    ],
    [
      'ConsentResponse',
      ConsentResponseSchema,
      { status: 'accepted', profile_id: PROFILE_ID, consents: [CONSENT] },
    ],
    [
      'ConsentSuppressedResponse',
      ConsentSuppressedResponseSchema,
      { status: 'suppressed', profile_id: null, consents: [] },
    ],
    [
      'ConsentHistoryResponse',
      ConsentHistoryResponseSchema,
      { profile_id: PROFILE_ID, consents: [{ ...CONSENT, source: null, recorded_at: AT }] },
    ],
    ['SourceList', SourceListSchema, { sources: [SOURCE] }],
    ['SourceCreated', SourceCreatedSchema, { ...SOURCE, write_key: 'cdp_wk_abc' }],
    [
      'RotateKeyResponse',
      RotateKeyResponseSchema,
      { source_id: SOURCE_ID, write_key: 'cdp_wk_def' },
    ],
    ['Health', HealthSchema, { status: 'ok' }],
    ['Readiness', ReadinessSchema, { status: 'ready' }],
  ])('%s', (_label, schema, value) => {
    expect(schema.safeParse(value).success).toBe(true);
  });

  it.each<[string, { safeParse: (value: unknown) => { success: boolean } }, unknown]>([
    [
      'a result with an unknown status',
      BatchResponseSchema,
      {
        accepted: 0,
        duplicates: 0,
        rejected: 0,
        results: [{ index: 0, event_id: 'e', status: 'queued' }],
      },
    ],
    [
      'a profile id that is not a UUID',
      ConsentResponseSchema,
      { status: 'accepted', profile_id: 'p-1', consents: [] },
    ],
    [
      'a suppressed answer with a profile',
      ConsentSuppressedResponseSchema,
      { status: 'suppressed', profile_id: PROFILE_ID, consents: [] },
    ],
    [
      'a profile identifier with a raw value',
      ProfileSchema,
      {
        profile_id: PROFILE_ID,
        identifiers: [
          { type: 'email', hash: 'jane@example.com', first_seen_at: AT, last_seen_at: AT },
        ],
        traits: {},
        consents: [],
        merged_ids: [],
        merges: [],
        splits: [],
        refused_merges: [],
        first_seen_at: AT,
        last_seen_at: AT,
        event_count: 0,
        segments: [],
      },
    ],
    [
      'a change that is neither an entry nor an exit',
      SegmentChangesPageSchema,
      {
        changes: [{ profile_id: PROFILE_ID, change: 'updated', at: AT, version: 1 }],
        next_cursor: 'eyJsIjo0Mn0',
        has_more: false,
      },
    ],
    [
      'a problem with a 200 status',
      ProblemSchema,
      { type: 'about:blank', title: 'OK', status: 200 },
    ],
    ['a source created without its key', SourceCreatedSchema, SOURCE],
  ])('rejects %s', (_label, schema, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });
});
