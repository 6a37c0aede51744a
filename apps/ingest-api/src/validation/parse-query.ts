import { AppError } from '@stratum/http';
import type { FieldError } from '@stratum/http';
import { formatIssues } from '@stratum/schemas';
import type { z } from 'zod';

// A parameter name is echoed only when it looks like one, never like a value.
const ECHOABLE_NAME = /^[a-z][a-z0-9_]{0,63}$/i;

function unknownParameters(shape: Record<string, unknown>, query: object): FieldError[] {
  return Object.keys(query)
    .filter((name) => !Object.hasOwn(shape, name))
    .map((name) =>
      ECHOABLE_NAME.test(name)
        ? { path: name, message: 'is not a parameter of this endpoint' }
        : { path: '', message: 'an unknown query parameter was given' },
    );
}

/**
 * Parses a query string with a zod object schema, or throws a 400 VALIDATION_FAILED listing
 * every bad parameter. Unknown ones are refused: a misspelled filter (`reasn=`) must not
 * silently widen the answer.
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
