import { CHANGE_KINDS } from '@stratum/changes';
import { MEMBERSHIP_CHANGE_KINDS } from './membership-kinds';

describe('MEMBERSHIP_CHANGE_KINDS', () => {
  it('reads every kind of the feed but the entries and exits membership writes itself, erasures and refused merges', () => {
    // An erasure deletes the profile's memberships itself: there is nothing to re-evaluate.
    // A refused merge changes neither profile (its event is in the batch's event.stored).
    expect(
      CHANGE_KINDS.filter((k) => !(MEMBERSHIP_CHANGE_KINDS as readonly string[]).includes(k)),
    ).toEqual(['segment.entered', 'segment.exited', 'profile.erased', 'profile.merge_refused']);
  });
});
