import { z } from 'zod';

/** The answer of /healthz and /readyz. */
export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z
      .record(z.string(), z.enum(['ok', 'fail']))
      .optional()
      .meta({ description: 'Per dependency, for /readyz.', example: { database: 'ok' } }),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof HealthSchema>;
