import type { Db, JsonObject } from '@stratum/db';
import type { NormalizedIdentifier } from '@stratum/identity';
import { findRequestProfiles } from '../find-request-profiles';
import type { PrivacyRequestRecord } from '../privacy-request.record';
import { finishPrivacyRequest, recordPrivacyProgress } from '../privacy-request.repository';
import { requestHashes } from '../request-hashes';
import { detachIdentifiers } from './detach-identifiers';
import { eraseEvents } from './erase-events';
import type { EraseProgress } from './erase-progress';
import { readEraseProgress } from './erase-progress';
import { eraseProfileRows } from './erase-profile-rows';
import { forgetIdentifiersElsewhere } from './forget-identifiers';

function unique(identifiers: readonly NormalizedIdentifier[]): NormalizedIdentifier[] {
  return [...new Map(identifiers.map((i) => [`${i.type}:${i.hash}`, i])).values()];
}

/**
 * Runs an erase request in steps, each recorded on the request in the transaction that does
 * it, so a run that dies is resumed where it stopped: the profiles (fixed at the start),
 * then their identifiers (after which nothing new reaches them), their events in chunks
 * (the progress a reader sees), the hashes out of other profiles' events a partition at a
 * time, and the rest with the request's end in one transaction.
 */
export async function runEraseRequest(db: Db, request: PrivacyRequestRecord): Promise<void> {
  const { tenantId, requestId } = request;
  const save = (trx: Db, progress: EraseProgress) =>
    recordPrivacyProgress(trx, tenantId, requestId, progress as unknown as JsonObject);

  let progress = readEraseProgress(request.progress);
  if (progress === undefined) {
    const profiles = await findRequestProfiles(db, tenantId, requestHashes(request));
    progress = {
      step: 'identifiers',
      profile_ids: profiles.all,
      matched: profiles.identifiersMatched,
      hashes: requestHashes(request),
      identifiers: 0,
      events: 0,
      dedupe_keys: 0,
    };
    await save(db, progress);
  }
  if (progress.step === 'identifiers') {
    const before = progress;
    await detachIdentifiers(db, tenantId, before.profile_ids, async (trx, detached) => {
      progress = {
        ...before,
        step: 'events',
        identifiers: detached.length,
        hashes: unique([...before.hashes, ...detached]),
      };
      await save(trx, progress);
    });
  }
  if (progress.step === 'events') {
    const before = progress;
    await eraseEvents(db, tenantId, before.profile_ids, async (trx, totals) => {
      progress = {
        ...before,
        events: before.events + totals.events,
        dedupe_keys: before.dedupe_keys + totals.dedupeKeys,
      };
      await save(trx, progress);
    });
    progress = { ...progress, step: 'others', partitions_done: [], other_events: 0 };
    await save(db, progress);
  }
  if (progress.step === 'others') {
    let at = progress;
    await forgetIdentifiersElsewhere(
      db,
      tenantId,
      at.hashes.map((h) => h.hash),
      at.partitions_done ?? [],
      async (trx, partition, changed) => {
        at = {
          ...at,
          partitions_done: [...(at.partitions_done ?? []), partition],
          other_events: (at.other_events ?? 0) + changed,
        };
        await save(trx, at);
      },
    );
    progress = { ...at, step: 'rest' };
    await save(db, progress);
  }
  const done = progress;
  await db.transaction().execute(async (trx) => {
    const rows = await eraseProfileRows(trx, tenantId, requestId, done.profile_ids, done.hashes);
    await finishPrivacyRequest(trx, tenantId, requestId, {
      profilesAffected: done.profile_ids.length,
      counts: {
        identifiers_matched: done.matched,
        identifiers: done.identifiers,
        events: done.events,
        other_events: done.other_events ?? 0,
        ...rows,
        dedupe_keys: done.dedupe_keys + rows.dedupe_keys,
      },
    });
  });
}
