import { z } from 'zod';

/**
 * A boolean variable: `true/false`, `1/0`, `yes/no`, `on/off` (any case).
 *
 * @example TRUST_PROXY: envBoolean().default(false)
 */
export function envBoolean() {
  return z.stringbool({ error: 'must be a boolean (true/false, 1/0, yes/no, on/off)' });
}

/**
 * An integer variable within `[min, max]`, written in decimal digits only (no `1e3`,
 * no hex, no blanks: a typo must not become a surprising number).
 */
export function envInt(min: number, max: number) {
  const message = `must be an integer from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, { error: message })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: message }).max(max, { error: message }));
}

/**
 * A URL variable whose scheme is one of `protocols` (e.g. `['postgres', 'postgresql']`).
 * Error messages never repeat the value: URLs often carry a password.
 */
export function envUrl(protocols: readonly string[]) {
  const schemes = protocols.join(', ');
  return z.string().refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
    },
    { error: `must be a URL with scheme ${schemes}` },
  );
}
