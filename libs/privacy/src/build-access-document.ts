import type { Db, PrivacyRequestIdentifier } from '@stratum/db';
import { pageProfileEvents } from './access-events';
import { readAccessProfiles } from './access-profiles';
import type { RequestProfiles } from './find-request-profiles';

/** Events per stored part of the document. */
const EVENTS_PER_PART = 500;

/** What an access document holds, by kind: the request's `counts`. */
export interface AccessCounts {
  profiles: number;
  identifiers: number;
  consents: number;
  segments: number;
  events: number;
}

/**
 * Writes the access document of a request as parts of `cdp_privacy_results`, in `trx` (one
 * snapshot: the document is consistent, and visible only once whole). The parts, read in
 * order and concatenated, are one JSON object:
 * `{request_id, generated_at, identifiers, profiles: [...], events: [...]}`. Parts already
 * written by an earlier run that died are replaced.
 */
export async function buildAccessDocument(
  trx: Db,
  request: { tenantId: string; requestId: string; identifiers: PrivacyRequestIdentifier[] },
  profiles: RequestProfiles,
): Promise<AccessCounts> {
  const { tenantId, requestId } = request;
  await trx
    .deleteFrom('cdp_privacy_results')
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .execute();
  let part = 0;
  const write = async (body: string) => {
    await trx
      .insertInto('cdp_privacy_results')
      .values({ tenant_id: tenantId, request_id: requestId, part, body })
      .execute();
    part += 1;
  };

  const held = await readAccessProfiles(trx, tenantId, profiles.all);
  const head = JSON.stringify({
    request_id: requestId,
    generated_at: new Date().toISOString(),
    identifiers: request.identifiers,
    profiles: held,
  });
  // The head is a whole object: reopen it to append the events array.
  await write(`${head.slice(0, -1)},"events":[`);
  let events = 0;
  for (const profile of held) {
    for await (const page of pageProfileEvents(
      trx,
      tenantId,
      profile.profile_id,
      EVENTS_PER_PART,
    )) {
      const json = page.map((e) => JSON.stringify(e)).join(',');
      await write(events === 0 ? json : `,${json}`);
      events += page.length;
    }
  }
  await write(']}');
  return {
    profiles: held.length,
    identifiers: held.reduce((n, p) => n + p.identifiers.length, 0),
    consents: held.reduce((n, p) => n + p.consents.length, 0),
    segments: held.reduce((n, p) => n + p.segments.length, 0),
    events,
  };
}
