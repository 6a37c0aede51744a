import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { GeneratedJsonObjectColumn, GeneratedTimestamp } from './column-types';

/** Maximum number of identifiers of one type a profile may hold, e.g. `{ external_id: 1 }`. */
export type IdentifierLimits = Record<string, number>;

/** `cdp_tenants`: one customer company. */
export interface TenantTable {
  tenant_id: Generated<string>;
  name: string;
  /** How long (1 to 365 days) an `event_id` is remembered for deduplication. */
  dedupe_window_days: Generated<number>;
  /** Extra placeholder values, on top of the built-in list, that never link profiles. */
  junk_identifier_values: Generated<string[]>;
  identifier_limits: GeneratedJsonObjectColumn<IdentifierLimits>;
  created_at: GeneratedTimestamp;
}

export type TenantRow = Selectable<TenantTable>;
export type NewTenantRow = Insertable<TenantTable>;
export type TenantUpdate = Updateable<TenantTable>;
