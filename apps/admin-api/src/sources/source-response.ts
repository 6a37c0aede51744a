import type { SourceRecord } from '@stratum/db';
import type { Source } from '@stratum/schemas';

/** A source as the API shows it. */
export function sourceToResponse(source: SourceRecord): Source {
  return {
    source_id: source.sourceId,
    name: source.name,
    enabled: source.enabled,
    default_country: source.defaultCountry,
    rate_limit_per_minute: source.rateLimitPerMinute,
    allowed_origins: source.allowedOrigins,
    created_at: source.createdAt.toISOString(),
    updated_at: source.updatedAt.toISOString(),
  };
}
