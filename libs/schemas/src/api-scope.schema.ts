import { z } from 'zod';

/**
 * Every scope an API key may carry (SPEC §3 and §17): the one list that the database's
 * check, authorization and the CLI all read. `admin` passes every scope check.
 */
export const API_SCOPES = [
  'events:write',
  'profiles:read',
  'sources:read',
  'sources:write',
  'consents:write',
  'admin',
  'segments:read',
  'segments:write',
  'destinations:write',
  'privacy:write',
  'profiles:write',
] as const;

export const ApiScopeSchema = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScopeSchema>;

/** Whether a string is a known scope. */
export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}
