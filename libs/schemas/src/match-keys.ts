/** The keys ad platforms match people on, scored by match quality (SPEC §14). */
export const MATCH_KEYS = [
  'email',
  'phone',
  'external_id',
  'click_id',
  'ip',
  'user_agent',
] as const;

export type MatchKey = (typeof MATCH_KEYS)[number];
