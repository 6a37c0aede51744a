import type { Profile } from '@stratum/schemas';
import type { IdentifierKey } from '../profiles/identifier.repository';
import { getProfileById, getProfileByIdentifier } from '../profiles/profile.service';
import type { ReadonlyDb } from '../read-only/read-only-db';
import type { ProfileCacheMetrics } from './cache-metrics';
import type { CachedAnswer, ProfileCache } from './profile-cache';

/** A profile as sent, and the ids whose changes end it: its own and those merged into it. */
function asCachedAnswer(profile: Profile): CachedAnswer {
  return {
    json: JSON.stringify(profile),
    profileIds: [profile.profile_id, ...profile.merged_ids],
  };
}

/**
 * The profile look-ups (by id, by identifier) through the cache, as JSON text ready to send.
 * Only found profiles are kept: a profile created a moment later is found at once.
 */
export class CachedProfiles {
  constructor(
    private readonly db: ReadonlyDb,
    private readonly cache: ProfileCache,
    private readonly metrics: ProfileCacheMetrics,
    /** Told of every look-up (the cache's tail follows the feed while they come). */
    private readonly wake: () => void = () => undefined,
  ) {}

  /** @throws AppError NOT_FOUND as getProfileById */
  byId(tenantId: string, profileId: string): Promise<string> {
    return this.answer(`${tenantId}/id/${profileId}`, () =>
      getProfileById(this.db, tenantId, profileId),
    );
  }

  /** @throws AppError NOT_FOUND or CONFLICT as getProfileByIdentifier */
  byIdentifier(tenantId: string, key: IdentifierKey): Promise<string> {
    return this.answer(`${tenantId}/${key.type ?? '*'}/${key.hash}`, () =>
      getProfileByIdentifier(this.db, tenantId, key),
    );
  }

  private async answer(key: string, read: () => Promise<Profile>): Promise<string> {
    this.wake();
    const { json, outcome } = await this.cache.answer(key, async () =>
      asCachedAnswer(await read()),
    );
    this.metrics.lookups.inc({ result: outcome });
    return json;
  }
}
