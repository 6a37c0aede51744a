import type { z } from 'zod';
import type { FieldIssue } from './field-issue.schema';

/**
 * Flattens a zod error into `{ path, message }` pairs with dotted paths
 * (`identifiers.0.type`; the empty string for the value itself). The messages are those
 * of the schemas, which never quote a submitted value.
 */
export function formatIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}
