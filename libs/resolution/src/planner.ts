// The pure half of resolution, for code that must not reach the database.
export { planResolution } from './planner/plan-resolution';
export { identifierKey } from './planner/identifier-key';
export type * from './planner/resolution.types';
