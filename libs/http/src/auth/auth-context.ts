import type { Response } from 'express';
import type { ApiScope } from '@stratum/schemas';

/** The source settings that matter to request handling. */
interface ApiKeySource {
  enabled: boolean;
  defaultCountry: string | null;
  rateLimitPerMinute: number | null;
  /** Web origins whose pages may send with this key; `null`: any (SPEC §10). */
  allowedOrigins: string[] | null;
}

/** What `lookupKey` returns for a stored key (found by the SHA-256 of the whole key). */
export interface ApiKeyRecord {
  tenantId: string;
  keyId: string;
  sourceId: string | null;
  scopes: readonly ApiScope[];
  revokedAt: Date | null;
  source: ApiKeySource | null;
}

/** Who is calling: set on `res.locals.auth` by `authenticate()`. */
export interface AuthContext {
  tenantId: string;
  keyId: string;
  sourceId: string | null;
  scopes: readonly ApiScope[];
  source: ApiKeySource | null;
}

/**
 * The caller of an authenticated request. Throws (a programming error, answered 500) when
 * `authenticate()` did not run before the handler.
 */
export function getAuth(res: Response): AuthContext {
  const auth = res.locals.auth;
  if (auth === undefined) throw new Error('getAuth: authenticate() did not run for this route');
  return auth;
}

/** Whether the caller holds `scope`, directly or through `admin`. */
export function hasScope(auth: AuthContext, scope: ApiScope): boolean {
  return auth.scopes.includes(scope) || auth.scopes.includes('admin');
}
