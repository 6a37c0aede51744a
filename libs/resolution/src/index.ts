export { planResolution } from './planner/plan-resolution';
export { identifierKey } from './planner/identifier-key';
export { mergeTraits } from './planner/merge-traits';
export type * from './planner/resolution.types';
export { resolveBatch } from './executor/resolve-batch';
export type { ResolveBatchInput } from './executor/resolve-batch';
export { identifierLockKey } from './executor/advisory-locks';
