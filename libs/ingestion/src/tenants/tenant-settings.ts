import type { IdentifierLimits } from '@stratum/resolution';

/** The per-tenant knobs of ingestion. */
export interface TenantSettings {
  dedupeWindowDays: number;
  junkIdentifierValues: string[];
  identifierLimits: IdentifierLimits;
}
