import { identifierKey } from './identifier-key';
import { IDENTIFIER_LAST_SEEN_RESOLUTION_MS, identifierWritesToApply } from './identifier-refresh';
import type { StoredIdentifier } from './identifier-refresh';
import type { IdentifierWrite } from './resolution.types';

const HASH = 'a'.repeat(64);
const T0 = new Date('2026-05-01T12:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

function write(change: Partial<IdentifierWrite> = {}): IdentifierWrite {
  return { type: 'email', hash: HASH, profileId: 'p1', firstSeenAt: T0, lastSeenAt: T0, ...change };
}

const stored = (row: Partial<StoredIdentifier> = {}) =>
  new Map([
    [identifierKey('email', HASH), { profileId: 'p1', firstSeenAt: T0, lastSeenAt: T0, ...row }],
  ]);

describe('identifierWritesToApply', () => {
  it('keeps the minute as the default resolution', () => {
    expect(IDENTIFIER_LAST_SEEN_RESOLUTION_MS).toBe(60_000);
  });

  it('writes an identifier that has no row yet', () => {
    const w = write();
    expect(identifierWritesToApply([w], new Map())).toEqual([w]);
  });

  it('skips a sighting less than the resolution after the stored one, on the same profile', () => {
    const w = write({ firstSeenAt: later(59_999), lastSeenAt: later(59_999) });
    expect(identifierWritesToApply([w], stored())).toEqual([]);
  });

  it('writes a last sighting the resolution or more after the stored one', () => {
    const w = write({ firstSeenAt: later(60_000), lastSeenAt: later(60_000) });
    expect(identifierWritesToApply([w], stored())).toEqual([w]);
  });

  it('writes an earlier first sighting, however close', () => {
    const w = write({ firstSeenAt: later(-1) });
    expect(identifierWritesToApply([w], stored())).toEqual([w]);
  });

  it('writes an identifier that moves to another profile', () => {
    const w = write({ profileId: 'p2' });
    expect(identifierWritesToApply([w], stored())).toEqual([w]);
  });

  it('takes the resolution as a parameter, and keeps the others of a batch in order', () => {
    const other = { ...write(), type: 'phone' as const };
    const w = write({ lastSeenAt: later(1_000) });
    expect(identifierWritesToApply([other, w], stored(), 1_000)).toEqual([other, w]);
    expect(identifierWritesToApply([other, w], stored(), 1_001)).toEqual([other]);
  });
});
