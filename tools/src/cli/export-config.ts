import { z } from 'zod';
import { UsageError } from './cli-errors';

/** What `cdp export` reads from the environment: where the profile API is, and a read key. */
const ExportConfigSchema = z.object({
  CDP_API_KEY: z
    .string({ error: 'is required: a secret key with profiles:read (cdp key create)' })
    .regex(/^cdp_sk_/, { error: 'must be a secret key (cdp_sk_…)' }),
  CDP_PROFILE_URL: z
    .string()
    .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), {
      error: 'must be an http:// or https:// URL',
    })
    .default('http://localhost:3002'),
});

export type ExportConfig = z.infer<typeof ExportConfigSchema>;

/**
 * Validates the environment. The key is read from it only, never from an option, which would
 * show it in the process list and the shell history.
 * @throws {@link UsageError} naming each bad variable, never its value
 */
export function loadExportConfig(env: Readonly<Record<string, string | undefined>>): ExportConfig {
  const parsed = ExportConfigSchema.safeParse({
    CDP_API_KEY: env.CDP_API_KEY || undefined,
    CDP_PROFILE_URL: env.CDP_PROFILE_URL || undefined,
  });
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '),
    );
  }
  return parsed.data;
}
