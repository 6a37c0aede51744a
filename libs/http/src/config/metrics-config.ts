import type { z } from 'zod';
import { envInt } from './env-fields';

/**
 * The `METRICS_PORT` variable of an app: the port of its metrics listener, apart from the
 * public one. Each app has its own default, so apps on one machine do not collide.
 *
 * @example METRICS_PORT: metricsPortField(3101, 'ingest API')
 */
export function metricsPortField(defaultPort: number, app: string) {
  return envInt(1, 65_535)
    .default(defaultPort)
    .describe(`Port of the ${app}'s metrics listener (GET /metrics); keep it off the internet.`);
}

/**
 * A refinement of an app's schema: the metrics listener cannot share the public port.
 *
 * @example AppSchema = BaseApiConfigSchema.extend({ … }).superRefine(metricsPortApart)
 */
export function metricsPortApart(
  config: { PORT: number; METRICS_PORT: number },
  ctx: z.RefinementCtx,
): void {
  if (config.PORT === config.METRICS_PORT && config.PORT !== 0) {
    ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT' });
  }
}
