import { hash } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Lowercase hex SHA-256 of the UTF-8 bytes of `value`. */
export function sha256Hex(value: string): string {
  // The one-shot form: about twice as fast as createHash for short inputs.
  return hash('sha256', value, 'hex');
}

/** Tells whether `value` looks like {@link sha256Hex} output: 64 lowercase hex digits. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}
