import { InvalidArgumentError } from 'commander';
import { IDENTIFIER_TYPES, isIdentifierType } from '@stratum/identity';
import type { IdentifierInput } from '@stratum/identity';

/**
 * Builds the parser of a repeatable `--identifier type=value` (or `--hash type=hex`) option,
 * collecting every occurrence. Values are checked and hashed later, with the API's rules.
 */
export function collectIdentifier(
  field: 'value' | 'hash',
): (text: string, previous: IdentifierInput[] | undefined) => IdentifierInput[] {
  return (text, previous = []) => {
    const at = text.indexOf('=');
    const type = at < 0 ? '' : text.slice(0, at);
    if (!isIdentifierType(type)) {
      throw new InvalidArgumentError(
        `Write <type>=<${field}>, the type one of ${IDENTIFIER_TYPES.join(', ')}.`,
      );
    }
    return [...previous, { type, [field]: text.slice(at + 1) }];
  };
}
