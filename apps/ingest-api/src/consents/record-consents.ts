import type { Kysely } from 'kysely';
import {
  findCurrentConsents,
  insertConsents,
  runNamed,
  runNamedLast,
  statementRunner,
} from '@stratum/db';
import type { CurrentConsentRecord, Database } from '@stratum/db';
import { planBatch, readResolution, resolutionReads } from '@stratum/resolution';
import type { HashedIdentifier, IdentifierLimits } from '@stratum/resolution';
import type { ConsentRequest } from '@stratum/schemas';
import { withTransactionRetry } from '@stratum/ingestion';

/** What one consent request is, its identifiers already hashed. */
export interface ConsentsToRecord {
  tenantId: string;
  sourceId: string | null;
  limits: IdentifierLimits;
  identifiers: readonly HashedIdentifier[];
  consents: ConsentRequest['consents'];
  source: string | null;
  now: Date;
}

/** Recorded on the profile of the identifiers, or nothing stored (a suppressed identifier). */
export type ConsentOutcome =
  | { status: 'accepted'; profileId: string; current: CurrentConsentRecord[] }
  | { status: 'suppressed' };

/**
 * Resolves the identifiers to a profile and appends the decisions to its history, in one
 * transaction. An identifier under a privacy suppression stores nothing, as for events: the
 * check rides in resolution's read of the links, and with no event to resolve no profile,
 * link or change is written.
 */
export async function recordConsents(
  db: Kysely<Database>,
  input: ConsentsToRecord,
): Promise<ConsentOutcome> {
  const { tenantId } = input;
  const event = {
    eventId: null,
    occurredAt: input.now,
    identifiers: input.identifiers,
    countsAsEvent: false,
  };
  return withTransactionRetry(() =>
    db.transaction().execute(async (trx): Promise<ConsentOutcome> => {
      const runner = statementRunner(trx);
      const batch = { tenantId, limits: input.limits, events: [event], checkSuppressions: true };
      const read = readResolution(await runNamed(runner, resolutionReads(batch)));
      // One event: any suppressed identifier of the batch is one of its own.
      if (read.suppressed.size > 0) return { status: 'suppressed' };
      const { plan, writes } = await planBatch(runner, batch, read);
      await runNamedLast(runner, writes);
      const profileId = plan.assignments[0]!.profileId;
      // In the request's order: of two entries for one purpose at the same instant, the
      // later one wins.
      await insertConsents(trx, {
        tenantId,
        profileId,
        consents: input.consents.map((c) => ({
          purpose: c.purpose,
          status: c.status,
          occurredAt: c.timestamp ? new Date(c.timestamp) : input.now,
        })),
        source: input.source,
        sourceId: input.sourceId,
      });
      const current = await findCurrentConsents(trx, tenantId, profileId);
      return { status: 'accepted', profileId, current };
    }),
  );
}
