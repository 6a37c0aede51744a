/** What the rejected-events log says of a suppressed event; it names no identifier. */
export const SUPPRESSED_ISSUE = {
  path: 'identifiers',
  message: 'carries a suppressed identifier (privacy request): not stored',
} as const;
