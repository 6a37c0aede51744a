import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { GeneratedTimestamp } from './column-types';

/** `cdp_sources`: one event producer (web site, server, app) of a tenant. */
export interface SourceTable {
  tenant_id: string;
  source_id: Generated<string>;
  name: string;
  enabled: Generated<boolean>;
  /** ISO 3166-1 alpha-2 country used to parse phone numbers without a country code. */
  default_country: string | null;
  /** Overrides the service-wide rate limit for this source's keys. */
  rate_limit_per_minute: number | null;
  /** Web origins whose pages may send this source's events; NULL allows any. */
  allowed_origins: string[] | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type SourceRow = Selectable<SourceTable>;
export type NewSourceRow = Insertable<SourceTable>;
export type SourceUpdate = Updateable<SourceTable>;
