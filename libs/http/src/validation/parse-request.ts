import { formatIssues } from '@stratum/schemas';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { FieldError } from '../errors/app-error';

/** Parses a request body, or throws a 400 VALIDATION_FAILED listing every bad field by path. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  detail = 'The request body is invalid',
): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', { detail, errors: formatIssues(parsed.error) });
  }
  return parsed.data;
}

// A parameter name is echoed only when it looks like one, never like a value.
const ECHOABLE_NAME = /^[a-z][a-z0-9_]{0,63}$/i;

function unknownParameters(shape: Record<string, unknown>, query: object): FieldError[] {
  return Object.keys(query)
    .filter((name) => !Object.hasOwn(shape, name))
    .map((name) => ({
      path: ECHOABLE_NAME.test(name) ? name : '',
      message: ECHOABLE_NAME.test(name)
        ? 'is not a parameter of this endpoint'
        : 'an unknown query parameter was given',
    }));
}

/**
 * Parses a query string with a zod object schema, or throws a 400 VALIDATION_FAILED that
 * lists every bad parameter. Unknown parameters are refused too: a misspelled filter
 * (`form=` for `from=`) must not silently widen the answer.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, query: object): z.infer<S> {
  const unknown = unknownParameters(schema.shape, query);
  const parsed = schema.safeParse(query);
  if (!parsed.success || unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'The query parameters are invalid',
      errors: [...unknown, ...(parsed.success ? [] : formatIssues(parsed.error))],
    });
  }
  return parsed.data;
}

/** Parses path parameters, or throws a 400 VALIDATION_FAILED naming the bad one. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  return parseBody(schema, params, 'The path parameters are invalid');
}
