// The public face of @stratum/changes: the change feed's records, its reader and cursors.
export {
  FEED_START,
  compareChangeCursors,
  formatChangeCursor,
  parseChangeCursor,
} from './change-cursor';
export type { ChangeCursor, CursorParts } from './change-cursor';
export { CHANGE_KINDS } from './change.types';
export type { Change, ChangeKind } from './change.types';
export { readChanges } from './read-changes';
export { readChangeFeedLag } from './change-feed-lag';
export { touchedProfiles } from './touched-profiles';
export type { ChangesPage, ReadChangesOptions } from './read-changes';
export {
  advanceChangeCursor,
  currentFeedHead,
  findChangeCursor,
} from './change-cursors.repository';
// What the feed tells the outside, the same for webhook deliveries and the live stream.
export { ITEM_CHANGE_KINDS, changeItems } from './items/change-items';
export type { ChangeItem, ChangeItemType } from './items/change-item';
export { itemBody } from './items/item-body';
export type { PayloadSources } from './items/item-body';
export { profileTraits, storedEvents } from './items/item-sources';
export type { StoredEvent } from './items/item-sources';
