import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { generateWebhookSecret } from '@stratum/webhooks';
import { DESTINATION_COLUMNS, destinationRowToRecord, filterColumns } from './destination-row';
import type { DestinationChanges, DestinationInput, DestinationRecord } from './destination.types';
import { unknownSegmentIndexes } from './segment-check';

/** A write refused because some listed segments are not live segments of the tenant. */
export interface UnknownSegments {
  ok: false;
  error: 'SEGMENT_NOT_FOUND';
  /** Positions in the request's `segments` list. */
  indexes: number[];
}

/** A created destination and its signing secret, which is never read back after this. */
export interface CreatedDestination {
  destination: DestinationRecord;
  secret: string;
}

/** Creates a destination with a fresh `whsec_` secret, returned this once. */
export async function createDestination(
  db: Db,
  tenantId: string,
  input: DestinationInput,
): Promise<{ ok: true; value: CreatedDestination } | UnknownSegments> {
  const indexes = await unknownSegmentIndexes(db, tenantId, input.segmentIds ?? []);
  if (indexes.length > 0) return { ok: false, error: 'SEGMENT_NOT_FOUND', indexes };
  const secret = generateWebhookSecret();
  const row = await db
    .insertInto('cdp_destinations')
    .values({
      tenant_id: tenantId,
      name: input.name,
      url: input.url,
      secret,
      ...filterColumns({ events: null, segmentIds: null, ...input }),
    })
    .returning(DESTINATION_COLUMNS)
    .executeTakeFirstOrThrow();
  return { ok: true, value: { destination: destinationRowToRecord(row), secret } };
}

/** The tenant's live destinations, oldest first. */
export async function listDestinations(db: Db, tenantId: string): Promise<DestinationRecord[]> {
  const rows = await db
    .selectFrom('cdp_destinations')
    .select(DESTINATION_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('destination_id')
    .execute();
  return rows.map(destinationRowToRecord);
}

/** A live destination of the tenant, or undefined (unknown, deleted or another tenant's). */
export async function findDestination(
  db: Db,
  tenantId: string,
  destinationId: string,
): Promise<DestinationRecord | undefined> {
  const row = await db
    .selectFrom('cdp_destinations')
    .select(DESTINATION_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('destination_id', '=', destinationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && destinationRowToRecord(row);
}

/** Changes a live destination; re-enabling it clears why it was disabled. */
export async function updateDestination(
  db: Db,
  tenantId: string,
  destinationId: string,
  changes: DestinationChanges,
): Promise<
  | { ok: true; value: DestinationRecord }
  | { ok: false; error: 'DESTINATION_NOT_FOUND' }
  | UnknownSegments
> {
  const indexes = await unknownSegmentIndexes(db, tenantId, changes.segmentIds ?? []);
  if (indexes.length > 0) return { ok: false, error: 'SEGMENT_NOT_FOUND', indexes };
  const row = await db
    .updateTable('cdp_destinations')
    .set({
      name: changes.name,
      url: changes.url,
      enabled: changes.enabled,
      ...(changes.enabled === true ? { disabled_reason: null } : {}),
      ...filterColumns(changes),
      updated_at: sql<Date>`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('destination_id', '=', destinationId)
    .where('deleted_at', 'is', null)
    .returning(DESTINATION_COLUMNS)
    .executeTakeFirst();
  return row
    ? { ok: true, value: destinationRowToRecord(row) }
    : { ok: false, error: 'DESTINATION_NOT_FOUND' };
}

/**
 * Deletes a destination (softly: its delivery log stays readable to the platform). Nothing
 * more is fanned out to it, and its queued deliveries are dropped when their turn comes.
 * @returns false when there was no such live destination
 */
export async function deleteDestination(
  db: Db,
  tenantId: string,
  destinationId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('cdp_destinations')
    .set({ deleted_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('destination_id', '=', destinationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
