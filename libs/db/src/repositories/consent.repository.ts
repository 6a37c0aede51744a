import { expressionBuilder } from 'kysely';
import type { Expression, QueryCreator, SelectQueryBuilder } from 'kysely';
import type { ConsentState } from '@stratum/schemas';
import type { Database, Trx } from '../database';
import type { ConsentPurpose, ConsentStatus, ConsentTable } from '../tables/consent.table';

/** One consent decision to record. */
export interface ConsentWrite {
  purpose: ConsentPurpose;
  status: ConsentStatus;
  occurredAt: Date;
}

/** The current state of one purpose: its latest consent decision. */
export interface CurrentConsentRecord {
  purpose: ConsentPurpose;
  status: ConsentStatus;
  occurredAt: Date;
  source: string | null;
}

/** A current consent as the APIs answer it (`ConsentState`, snake_case on the wire). */
export function currentConsentToState(consent: CurrentConsentRecord): ConsentState {
  return {
    purpose: consent.purpose,
    status: consent.status,
    timestamp: consent.occurredAt.toISOString(),
    source: consent.source,
  };
}

/** One entry of a consent history. */
export interface ConsentRecord extends CurrentConsentRecord {
  recordedAt: Date;
}

/** What the reads need: any handle, transaction or read-only view that can select. */
export type ConsentReader = Pick<QueryCreator<Database>, 'selectFrom'>;

/** Whose consents: a tenant and a profile's ids (the survivor and those merged into it). */
export interface ConsentScope {
  tenantId: string | Expression<string>;
  profileIds: Expression<readonly string[]>;
}

type ConsentsQuery<O> = SelectQueryBuilder<Database & { c: ConsentTable }, 'c', O>;

// The one ordering of consents, newest first: the later decision, and of two decisions at
// the same instant the later recorded. `recorded_seq` is the insertion order, and a request
// inserts its consents in the order it lists them, so within one request the later entry
// wins and across requests the later request does.
function newestFirst<O>(query: ConsentsQuery<O>): ConsentsQuery<O> {
  return query.orderBy('c.occurred_at', 'desc').orderBy('c.recorded_seq', 'desc');
}

/**
 * Appends consent decisions to a profile's history, in the order given: that order breaks
 * ties between decisions of one purpose at the same instant (the later one wins). The same
 * statement records `consent.changed` for the profile in the change feed (data: the
 * purposes decided), so the feed has it exactly when the history does.
 */
export async function insertConsents(
  trx: Trx,
  input: {
    tenantId: string;
    profileId: string;
    consents: readonly ConsentWrite[];
    source: string | null;
    sourceId: string | null;
  },
): Promise<void> {
  const purposes = [...new Set(input.consents.map((c) => c.purpose))].sort();
  // One multi-row VALUES: PostgreSQL numbers its rows (recorded_seq) in the order listed. A
  // data-modifying WITH runs whether or not the outer statement reads it.
  await trx
    .with('recorded', (db) =>
      db.insertInto('cdp_consents').values(
        input.consents.map((c) => ({
          tenant_id: input.tenantId,
          profile_id: input.profileId,
          purpose: c.purpose,
          status: c.status,
          occurred_at: c.occurredAt,
          source: input.source,
          source_id: input.sourceId,
        })),
      ),
    )
    .insertInto('cdp_changes')
    .values({
      tenant_id: input.tenantId,
      kind: 'consent.changed',
      profile_id: input.profileId,
      data: JSON.stringify({ purposes }),
    })
    .execute();
}

/**
 * The current consents of a scope: per purpose the newest decision, by purpose. A query to
 * run or to embed (the scope may reference an outer query's columns).
 */
export function selectCurrentConsents(db: ConsentReader, scope: ConsentScope) {
  return db
    .selectFrom('cdp_consents as c')
    .distinctOn('c.purpose')
    .select(['c.purpose', 'c.status', 'c.occurred_at', 'c.source'])
    .where('c.tenant_id', '=', scope.tenantId)
    .where((eb) => eb('c.profile_id', '=', eb.fn.any(scope.profileIds)))
    .orderBy('c.purpose')
    .$call(newestFirst);
}

/**
 * The current consents of a profile and of every profile merged into it (consents keep the
 * profile id they were recorded with), by purpose.
 */
export async function findCurrentConsents(
  db: ConsentReader,
  tenantId: string,
  profileId: string,
): Promise<CurrentConsentRecord[]> {
  const eb = expressionBuilder<Database>();
  const mergedIds = eb
    .selectFrom('cdp_profiles')
    .select((mb) => mb.fn.agg<string[]>('array_agg', ['profile_id']).as('ids'))
    .where('tenant_id', '=', tenantId)
    .where('merged_into', '=', profileId)
    .$asScalar();
  // array_prepend treats the NULL of an empty aggregate as an empty array.
  const profileIds = eb.fn<string[]>('array_prepend', [eb.val(profileId), mergedIds]);
  const rows = await selectCurrentConsents(db, { tenantId, profileIds }).execute();
  return rows.map((row) => ({
    purpose: row.purpose,
    status: row.status,
    occurredAt: row.occurred_at,
    source: row.source,
  }));
}

/** Every consent decision of a profile's ids, newest first by the same rule as the current state. */
export async function findConsentHistory(
  db: ConsentReader,
  tenantId: string,
  profileIds: readonly string[],
): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom('cdp_consents as c')
    .select(['c.purpose', 'c.status', 'c.occurred_at', 'c.recorded_at', 'c.source'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.profile_id', 'in', profileIds)
    .$call(newestFirst)
    .execute();
  return rows.map((row) => ({
    purpose: row.purpose,
    status: row.status,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    source: row.source,
  }));
}
