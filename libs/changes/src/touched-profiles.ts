import type { Change } from './change.types';

/**
 * The profiles each change touched, by tenant: the changed profile, both sides of a merge
 * (the merged-away one must leave its segments), of a split (the restored one joins its
 * own) or of a refused merge (both show it), and the profiles of stored events.
 */
export function touchedProfiles(changes: readonly Change[]): Map<string, Set<string>> {
  const byTenant = new Map<string, Set<string>>();
  const add = (tenantId: string, profileId: string) => {
    let ids = byTenant.get(tenantId);
    if (ids === undefined) byTenant.set(tenantId, (ids = new Set()));
    ids.add(profileId);
  };
  for (const change of changes) {
    switch (change.kind) {
      case 'profile.merged':
        add(change.tenantId, change.profileId);
        add(change.tenantId, change.data.merged_profile_id);
        break;
      case 'profile.split':
        add(change.tenantId, change.profileId);
        add(change.tenantId, change.data.restored_profile_id);
        break;
      case 'profile.merge_refused':
        add(change.tenantId, change.profileId);
        add(change.tenantId, change.data.other_profile_id);
        break;
      case 'event.stored':
        for (const event of change.data.events) add(change.tenantId, event.profile_id);
        break;
      default:
        add(change.tenantId, change.profileId);
    }
  }
  return byTenant;
}
