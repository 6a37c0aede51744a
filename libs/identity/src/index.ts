export {
  IDENTIFIER_PRIORITY,
  IDENTIFIER_TYPES,
  compareIdentifierPriority,
  isIdentifierType,
} from './identifier-type';
export type { IdentifierType } from './identifier-type';
export type {
  IdentifierError,
  IdentifierErrorCode,
  NormalizeResult,
  NormalizedIdentifier,
  ValueResult,
} from './identifier-error';
export { normalizeIdentifier, normalizeIdentifierValue } from './normalize-identifier';
export type { IdentifierInput, NormalizeOptions } from './normalize-identifier';
export { normalizeEmail } from './normalize-email';
export { normalizePhone } from './normalize-phone';
export { BUILT_IN_PLACEHOLDERS, isPlaceholderHash, isPlaceholderValue } from './placeholder';
export { isSha256Hex, sha256Hex } from './sha256';
