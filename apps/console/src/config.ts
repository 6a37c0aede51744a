import { z } from 'zod';

/** Environment of the console (apps/console). */
export const ConsoleConfigSchema = z.object({
  ADMIN_API_URL: z
    .url()
    .default('http://127.0.0.1:3004')
    .describe('Where the console reaches the admin API (server side only).'),
  PROFILE_API_URL: z
    .url()
    .default('http://127.0.0.1:3002')
    .describe('Where the console reaches the profile API (server side only).'),
  CONSOLE_SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .describe('Seals the console session cookie (32 characters or more); keep it secret.'),
  CONSOLE_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(168)
    .default(8)
    .describe('A console session ends this many hours after sign-in.'),
  CONSOLE_SECURE_COOKIE: z
    .enum(['true', 'false'])
    .optional()
    .describe('Send the session cookie over HTTPS only (default: when NODE_ENV is production).'),
});

export type ConsoleConfig = Omit<z.infer<typeof ConsoleConfigSchema>, 'CONSOLE_SECURE_COOKIE'> & {
  CONSOLE_SECURE_COOKIE: boolean;
};

/**
 * The console's settings, from the environment. Read when a request needs them (not at
 * import), so that `next build` runs without them.
 * @throws Error naming each bad variable, never its value
 */
export function consoleConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ConsoleConfig {
  const parsed = ConsoleConfigSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid console configuration: ${names.join('; ')}`);
  }
  const secure = parsed.data.CONSOLE_SECURE_COOKIE;
  return {
    ...parsed.data,
    CONSOLE_SECURE_COOKIE: secure === undefined ? env.NODE_ENV === 'production' : secure === 'true',
  };
}
