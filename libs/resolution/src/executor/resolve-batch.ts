import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '@stratum/db';
import { planResolution } from '../planner/plan-resolution';
import type {
  IdentifierLimits,
  KnownProfile,
  ResolutionEvent,
  ResolutionPlan,
} from '../planner/resolution.types';
import { lockIdentifiers } from './advisory-locks';
import { findLinks, writeIdentifiers } from './identifier.queries';
import { applyMerges, insertProfiles, lockProfiles, updateProfiles } from './profile.queries';

export interface ResolveBatchInput {
  tenantId: string;
  events: readonly ResolutionEvent[];
  limits: IdentifierLimits;
  newProfileId?: () => string;
}

/**
 * Resolves a whole batch inside the caller's transaction in a fixed number of round trips:
 * lock the identifiers, read their links, lock and load the linked profiles, plan in memory,
 * then write profiles, merges and identifiers in bulk. Serializable by construction for
 * overlapping batches: everything they share is locked before it is read.
 */
export async function resolveBatch(
  trx: Transaction<Database>,
  input: ResolveBatchInput,
): Promise<ResolutionPlan> {
  const { tenantId } = input;
  const identifiers = input.events.flatMap((e) => e.identifiers);
  await lockIdentifiers(trx, tenantId, identifiers);
  const links = await findLinks(trx, tenantId, identifiers);
  const linked = new Set(links.keys());
  const profiles = await loadLinkedProfiles(trx, tenantId, links, Object.keys(input.limits));

  const plan = planResolution({
    events: input.events,
    links,
    profiles,
    limits: input.limits,
    newProfileId: input.newProfileId ?? randomUUID,
  });

  await insertProfiles(trx, tenantId, plan.newProfiles);
  await applyMerges(trx, tenantId, plan.merges);
  await updateProfiles(trx, tenantId, plan.updatedProfiles);
  await writeIdentifiers(trx, tenantId, plan.identifiers, linked);
  return plan;
}

/**
 * Locks the linked profiles. A link read before a concurrent merge committed can point at a
 * merged-away profile: follow it to the survivor, lock that too, and rewrite the link.
 */
async function loadLinkedProfiles(
  trx: Transaction<Database>,
  tenantId: string,
  links: Map<string, string>,
  limitedTypes: readonly string[],
): Promise<Map<string, KnownProfile>> {
  const live = new Map<string, KnownProfile>();
  const mergedInto = new Map<string, string>();
  let wanted = new Set(links.values());
  while (wanted.size > 0) {
    const locked = await lockProfiles(trx, tenantId, [...wanted], limitedTypes);
    wanted = new Set();
    for (const profile of locked) {
      if (profile.mergedInto === null) {
        live.set(profile.profileId, profile);
      } else {
        mergedInto.set(profile.profileId, profile.mergedInto);
        if (!live.has(profile.mergedInto)) wanted.add(profile.mergedInto);
      }
    }
  }
  for (const [key, profileId] of links) {
    let id = profileId;
    for (let next = mergedInto.get(id); next !== undefined; next = mergedInto.get(id)) id = next;
    links.set(key, id);
  }
  return live;
}
