import type { PrivacyRequestRecord } from './privacy-request.record';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What happened to a request, in one sentence for people (the API's `message`, the CLI). */
export function describePrivacyRequest(request: PrivacyRequestRecord): string {
  const { status, type, counts } = request;
  if (status === 'pending') return 'Queued: the worker will run it shortly.';
  if (status === 'running') return 'Running.';
  if (status === 'failed') return `Failed: ${request.error ?? 'unknown error'}.`;
  const profiles = request.profilesAffected ?? 0;
  const held =
    profiles === 0
      ? 'No profile holds any of these identifiers'
      : `${plural(profiles, 'profile')} ${profiles === 1 ? 'holds' : 'hold'} these identifiers`;
  switch (type) {
    case 'suppress':
      return `${held}; ${plural(counts['suppressions_added'] ?? 0, 'identifier')} newly suppressed: events carrying them are no longer stored.`;
    case 'unsuppress':
      return `${held}; ${plural(counts['suppressions_removed'] ?? 0, 'suppression')} lifted.`;
    case 'erase':
      return profiles === 0
        ? `${held}: nothing was erased.`
        : `Erased ${plural(profiles, 'profile')} and everything held about them.`;
    case 'access':
      if (request.resultExpiredAt !== null) {
        return `The document expired on ${request.resultExpiredAt.toISOString()} and was deleted: submit a new access request.`;
      }
      return profiles === 0
        ? `${held}: the document lists no profile.`
        : `The document of ${plural(profiles, 'profile')} is ready at /result.`;
  }
}
