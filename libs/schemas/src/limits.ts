/** Most events one request may carry. */
export const MAX_EVENTS_PER_BATCH = 500;

/** Largest serialized event, in bytes of JSON. */
export const MAX_EVENT_BYTES = 32 * 1024;

/** Largest request body, in bytes. */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** Most identifiers one event or consent request may carry. */
export const MAX_IDENTIFIERS = 20;

/** Deepest nesting of objects and arrays accepted in traits, properties and context. */
export const MAX_JSON_DEPTH = 16;

/** Longest identifier value accepted before normalization. */
export const MAX_IDENTIFIER_VALUE_LENGTH = 512;

/** Most consent changes one consent request may carry. */
export const MAX_CONSENTS_PER_REQUEST = 10;

/** Page size bounds of the profile events endpoint. */
export const EVENTS_PAGE_LIMIT = { min: 1, max: 1000, default: 50 } as const;
