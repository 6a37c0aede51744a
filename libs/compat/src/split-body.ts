import type { FieldIssue } from '@stratum/schemas';

/** A vendor request body taken apart: its messages and what applies to all of them. */
export type SplitBody =
  | {
      ok: true;
      messages: unknown[];
      /** The request's send time, for {@link BatchInfo.sentAt}; validated by the mapping. */
      sentAt?: unknown;
      /** The write key the body carries (Segment `writeKey`, PostHog `api_key`/`token`). */
      writeKey?: string;
    }
  | { ok: false; errors: FieldIssue[] };

/** A request path without its query and trailing slash: `/batch/?v=1` → `/batch`. */
export function routeKey(path: string): string {
  const bare = path.split('?')[0] ?? '';
  return bare.length > 1 && bare.endsWith('/') ? bare.slice(0, -1) : bare;
}

/** The first of `values` that is a non-empty string. */
export function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value !== '');
}
