/** The change kinds that can move a profile in or out of a segment. */
export const MEMBERSHIP_CHANGE_KINDS = [
  'profile.created',
  'profile.updated',
  'profile.merged',
  'profile.split',
  'consent.changed',
  'event.stored',
] as const;
