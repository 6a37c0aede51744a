import { z } from 'zod';
import { UsageError } from './cli-errors';

/** What the CLI reads from the environment. */
export const CliConfigSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'is required, e.g. postgres://user:password@localhost:5432/stratum' })
    .refine((value) => /^postgres(ql)?:\/\//.test(value) && URL.canParse(value), {
      error: 'must be a postgres:// or postgresql:// URL',
    }),
});

export type CliConfig = z.infer<typeof CliConfigSchema>;

/**
 * Validates the environment.
 * @throws {@link UsageError} naming each bad variable (never its value: it holds a password)
 */
export function loadCliConfig(env: Readonly<Record<string, string | undefined>>): CliConfig {
  // An empty variable is as good as a missing one.
  const parsed = CliConfigSchema.safeParse({ DATABASE_URL: env.DATABASE_URL || undefined });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new UsageError(problems.join('; '));
  }
  return parsed.data;
}
