import { describePrivacyRequest } from './describe-privacy-request';
import type { PrivacyRequestRecord } from './privacy-request.record';

const base: PrivacyRequestRecord = {
  tenantId: 't',
  requestId: 'r',
  type: 'erase',
  status: 'done',
  identifiers: [],
  profilesAffected: 0,
  counts: {},
  progress: null,
  error: null,
  createdAt: new Date(0),
  startedAt: null,
  finishedAt: null,
  resultExpiredAt: null,
};

describe('describePrivacyRequest', () => {
  it.each<[Partial<PrivacyRequestRecord>, string]>([
    [{ status: 'pending' }, 'Queued: the worker will run it shortly.'],
    [{ status: 'running' }, 'Running.'],
    [{ status: 'failed', error: 'boom' }, 'Failed: boom.'],
    [{ status: 'failed' }, 'Failed: unknown error.'],
    [{}, 'No profile holds any of these identifiers: nothing was erased.'],
    [{ profilesAffected: 2 }, 'Erased 2 profiles and everything held about them.'],
    [
      { type: 'access' },
      'No profile holds any of these identifiers: the document lists no profile.',
    ],
    [{ type: 'access', profilesAffected: 1 }, 'The document of 1 profile is ready at /result.'],
    [
      { type: 'access', profilesAffected: 1, resultExpiredAt: new Date('2026-12-24T03:40:00Z') },
      'The document expired on 2026-12-24T03:40:00.000Z and was deleted: submit a new access request.',
    ],
    [
      { type: 'suppress', profilesAffected: 1, counts: { suppressions_added: 2 } },
      '1 profile holds these identifiers; 2 identifiers newly suppressed: events carrying them are no longer stored.',
    ],
    [
      { type: 'unsuppress', counts: {} },
      'No profile holds any of these identifiers; 0 suppressions lifted.',
    ],
  ])('%j → %s', (override, message) => {
    expect(describePrivacyRequest({ ...base, ...override })).toBe(message);
  });
});
