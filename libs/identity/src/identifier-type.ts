/** Every identifier type an event may carry. */
export const IDENTIFIER_TYPES = [
  'email',
  'phone',
  'external_id',
  'anonymous_id',
  'device_id',
] as const;

export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/**
 * Identifier types from the most to the least trustworthy. When a merge is refused, the
 * event goes to the profile of its highest-priority identifier.
 */
export const IDENTIFIER_PRIORITY: readonly IdentifierType[] = [
  'external_id',
  'email',
  'phone',
  'device_id',
  'anonymous_id',
];

const RANK: Readonly<Record<IdentifierType, number>> = {
  external_id: 0,
  email: 1,
  phone: 2,
  device_id: 3,
  anonymous_id: 4,
};

/** Tells whether a string is one of {@link IDENTIFIER_TYPES}. */
export function isIdentifierType(value: unknown): value is IdentifierType {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

/**
 * Sort comparator by {@link IDENTIFIER_PRIORITY}: negative when `a` outranks `b`, so
 * `types.sort(compareIdentifierPriority)` puts the highest priority first.
 */
export function compareIdentifierPriority(a: IdentifierType, b: IdentifierType): number {
  return RANK[a] - RANK[b];
}
