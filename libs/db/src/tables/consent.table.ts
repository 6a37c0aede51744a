import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from './column-types';

export const CONSENT_PURPOSES = [
  'analytics',
  'marketing',
  'advertising',
  'personalization',
  'sale_of_data',
] as const;

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_STATUSES = ['granted', 'denied'] as const;

export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

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
