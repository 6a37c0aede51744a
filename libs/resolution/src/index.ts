export { identifierKey } from './planner/identifier-key';
export type { StoredIdentifier } from './planner/identifier-refresh';
export type * from './planner/resolution.types';
export { planBatch, readResolution, resolutionReads, resolveBatch } from './executor/resolve-batch';
export type {
  PlannedBatch,
  ResolutionRead,
  ResolutionReadStatements,
  ResolveBatchInput,
} from './executor/resolve-batch';
export { identifierLockKey, identifierLockKeys } from './executor/advisory-locks';
export { splitMerge } from './split/split-merge';
export type { SplitMergeInput, SplitMergeResult } from './split/split-merge';
