import { z } from 'zod';

/** The answer of GET /healthz: the process is up. */
export const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export type Health = z.infer<typeof HealthSchema>;

/** The answer of GET /readyz when the database answers; otherwise a 503 problem. */
export const ReadinessSchema = z.object({ status: z.literal('ready') }).meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof ReadinessSchema>;
