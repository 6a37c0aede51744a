import type { ChangeItem } from '@stratum/changes';
import { destinationWants } from './match-destination';
import type { MatchedDestination } from './match-destination';

const CREATED = new Date('2026-11-24T10:00:00Z');
const AFTER = new Date('2026-11-24T10:00:01Z');
const base = {
  tenantId: 't',
  cursor: '7:1',
  changeId: 1,
  recordedAt: AFTER,
  subjectId: 's',
  profileId: 'p',
};
const SEGMENT = '7d1e3b0a-2c4f-4e8a-9b6d-1f2e3a4b5c6d';

const order: ChangeItem = {
  ...base,
  type: 'event.received',
  eventId: 'e',
  occurredAt: AFTER.toISOString(),
  eventType: 'track',
  eventName: 'Order Completed',
};
const page: ChangeItem = { ...order, eventType: 'page', eventName: null };
const unread: ChangeItem = { ...order, eventType: undefined };
const updated: ChangeItem = { ...base, type: 'profile.updated', changedTraits: ['plan'] };
const merged: ChangeItem = { ...base, type: 'profile.merged', mergedProfileId: 'q' };
const entered: ChangeItem = { ...base, type: 'segment.entered', segmentId: SEGMENT, version: 1 };
const exited: ChangeItem = { ...entered, type: 'segment.exited' };
const erased: ChangeItem = { ...base, type: 'profile.erased', requestId: 'r' };

const nothing: MatchedDestination = {
  createdAt: CREATED,
  events: null,
  segmentIds: [],
  profileUpdates: false,
};
const allEvents = {
  ...nothing,
  events: { types: ['track', 'page'], names: null },
} as MatchedDestination;
const orders = {
  ...nothing,
  events: { types: ['track'], names: ['Order Completed'] },
} as MatchedDestination;
const pages = { ...nothing, events: { types: ['page'], names: null } } as MatchedDestination;
const segment = { ...nothing, segmentIds: [SEGMENT] };
const profiles = { ...nothing, profileUpdates: true };

describe('destinationWants', () => {
  it.each([
    ['every event', allEvents, [order, page, erased], [unread, updated, merged, entered, exited]],
    ['events of a type and name', orders, [order, erased], [page, updated, entered]],
    ['events of a type, any name', pages, [page, erased], [order]],
    ['a segment’s entries and exits', segment, [entered, exited, erased], [order, updated, merged]],
    ['profile updates and merges', profiles, [updated, merged, erased], [order, entered]],
    ['nothing but erasures', nothing, [erased], [order, page, updated, merged, entered, exited]],
  ])('a destination of %s', (_label, destination, wanted, unwanted) => {
    for (const item of wanted as ChangeItem[])
      expect(destinationWants(destination, item)).toBe(true);
    for (const item of unwanted as ChangeItem[])
      expect(destinationWants(destination, item)).toBe(false);
  });

  it('wants nothing recorded before it was created', () => {
    const early = { ...updated, recordedAt: new Date(CREATED.getTime() - 1) };
    expect(destinationWants(profiles, early)).toBe(false);
    expect(destinationWants(profiles, { ...updated, recordedAt: CREATED })).toBe(true);
  });

  it('does not take another segment’s entries', () => {
    const other = { ...entered, segmentId: '00000000-0000-4000-8000-000000000000' };
    expect(destinationWants(segment, other)).toBe(false);
  });
});
