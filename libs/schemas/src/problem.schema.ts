import { z } from 'zod';
import { FieldIssueSchema } from './field-issue.schema';

/** The media type of every error answer. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** An error answer for a request as a whole (RFC 9457 problem details). */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'https://stratum-cdp.dev/problems/validation-failed' }),
    title: z.string().meta({ example: 'Validation failed' }),
    status: z.number().int().min(400).max(599).meta({ example: 400 }),
    detail: z.string().optional().meta({ example: 'Every event of the request was rejected.' }),
    instance: z.string().optional(),
    request_id: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'The X-Request-Id of the request.' }),
    errors: z.array(FieldIssueSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details. Never a stack trace.' });

export type Problem = z.infer<typeof ProblemSchema>;
