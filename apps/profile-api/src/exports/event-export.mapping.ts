import type { ProfileEvent } from '@stratum/schemas';
import type { EventExportRow } from './event-export.repository';

/** The columns of an events export, in CSV order: the members of a profile's event. */
export const EVENT_EXPORT_COLUMNS = [
  'event_id',
  'type',
  'name',
  'timestamp',
  'received_at',
  'source_id',
  'profile_id',
  'identifiers',
  'traits',
  'properties',
  'context',
] as const satisfies readonly (keyof ProfileEvent)[];

/**
 * An event time as toISOString writes it (milliseconds), or with all six digits when it has
 * microseconds: a resumed export needs the exact time of the last event it received.
 */
function exactTime(microseconds: string): string {
  return microseconds.endsWith('000Z') ? `${microseconds.slice(0, -4)}Z` : microseconds;
}

/** An event as exported: as the profile events API shows it, its time exact. */
export function eventRowToExport(row: EventExportRow): ProfileEvent {
  return {
    event_id: row.event_id,
    type: row.type,
    name: row.name,
    timestamp: exactTime(row.occurred_at),
    received_at: row.received_at,
    source_id: row.source_id,
    profile_id: row.profile_id,
    identifiers: row.identifiers.map((i) => ({ type: i.type, hash: i.hash })),
    traits: row.traits,
    properties: row.properties,
    context: row.context,
  };
}
