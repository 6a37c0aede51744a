import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { ConsentPurpose, ConsentStatus } from '@stratum/schemas';
import type { GeneratedTimestamp, Timestamp } from './column-types';

// The API's lists (libs/schemas) are the one definition; schema-rules checks the database's
// constraints against them.
export { CONSENT_PURPOSES, CONSENT_STATUSES } from '@stratum/schemas';
export type { ConsentPurpose, ConsentStatus } from '@stratum/schemas';

/**
 * `cdp_consents`: append-only history; the current state per purpose is the latest row by
 * `occurred_at`, ties going to the later recorded (`recorded_seq`).
 */
export interface ConsentTable {
  tenant_id: string;
  consent_id: Generated<string>;
  profile_id: string;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  occurred_at: Timestamp;
  recorded_at: GeneratedTimestamp;
  /** Insertion order, `bigint` read as a number (the pool parses int8): breaks ties of `occurred_at`. */
  recorded_seq: GeneratedAlways<number>;
  /** A free label such as `cookie-banner`. */
  source: string | null;
  source_id: string | null;
}

export type ConsentRow = Selectable<ConsentTable>;
export type NewConsentRow = Insertable<ConsentTable>;
