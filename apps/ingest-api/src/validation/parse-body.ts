import { AppError } from '@stratum/http';
import { formatIssues } from '@stratum/schemas';
import type { z } from 'zod';

/** Parses a request body, or throws a 400 listing every bad field by path. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  detail = 'The request body is invalid',
): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', { detail, errors: formatIssues(parsed.error) });
  return parsed.data;
}
