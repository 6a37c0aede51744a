/** Strings that would break out of, or change, SQL text if they were ever pasted into it. */
export const HOSTILE_STRINGS = [
  "'); DROP TABLE cdp_profiles; --",
  "' OR '1'='1",
  '"; DROP TABLE cdp_events; --',
  'back\\slash\\',
  '$1',
  '$$ select 1 $$',
  '{a,b}',
  '*/ select pg_sleep(1) /*',
  "E'\\x27'",
] as const;
