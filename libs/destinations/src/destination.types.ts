import type { ConsentPurpose, EventType } from '@stratum/db';

/** Which events a destination receives: of these types, and of these names when listed. */
interface EventFilter {
  types: EventType[];
  /** Null: any name. */
  names: string[] | null;
}

/** A webhook destination, as TypeScript code sees it (never with its secret). */
export interface DestinationRecord {
  tenantId: string;
  destinationId: string;
  name: string;
  url: string;
  /** Null: no events. */
  events: EventFilter | null;
  /** Segments whose entries and exits are sent; empty: none. */
  segmentIds: string[];
  profileUpdates: boolean;
  consentPurpose: ConsentPurpose | null;
  /** Whether volume anomalies of the tenant's sources are sent (`source.anomaly`). */
  alerts: boolean;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What to send, as a request states it: `events.types` absent means every type. */
export interface DestinationFilters {
  events?: { types?: EventType[]; names?: string[] } | null;
  segmentIds?: string[] | null;
  profileUpdates?: boolean;
  consentPurpose?: ConsentPurpose | null;
  alerts?: boolean;
}

/** The fields of a new destination. */
export interface DestinationInput extends DestinationFilters {
  name: string;
  url: string;
}

/** The fields of a destination that may change; `null` turns a filter off. */
export interface DestinationChanges extends DestinationFilters {
  name?: string;
  url?: string;
  /** Re-enabling clears the reason the platform disabled it for. */
  enabled?: boolean;
}
