/** Bounds of a segment definition: each keeps its compiled SQL and its evaluation small. */
export const SEGMENT_LIMITS = {
  /** Groups (`all`, `any`, `not`) nested in one another, the outermost being level 1. */
  maxDepth: 5,
  /** Conditions (not groups) in one definition. */
  maxConditions: 100,
  /** Members of one `all` or `any`. */
  maxGroupSize: 100,
  /** Property filters of one event condition. */
  maxWhere: 20,
  /** Values of one `in` list. */
  maxInValues: 1000,
  /** Characters of a compared string, an event name. */
  maxStringLength: 1000,
  /** Characters of a trait or property path. */
  maxPathLength: 500,
  /** Segments of a path (as deep as traits may nest). */
  maxPathSegments: 16,
  /** Days of `within_days` and `before_days` (about ten years). */
  maxDays: 3650,
  /** Largest event count compared. */
  maxCount: 1_000_000,
} as const;
