// The public face of @stratum/changes: the change feed's records, its reader and cursors.
export {
  FEED_START,
  compareChangeCursors,
  formatChangeCursor,
  isChangeCursor,
  parseChangeCursor,
} from './change-cursor';
export type { ChangeCursor, CursorParts } from './change-cursor';
export { CHANGE_KINDS } from './change.types';
export type { Change, ChangeDataByKind, ChangeKind, StoredEventRef } from './change.types';
export { readChanges } from './read-changes';
export { readChangeFeedLag } from './change-feed-lag';
export type { ChangesPage, ReadChangesOptions } from './read-changes';
export {
  advanceChangeCursor,
  currentFeedHead,
  findChangeCursor,
} from './change-cursors.repository';
