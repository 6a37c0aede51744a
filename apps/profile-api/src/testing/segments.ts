// Segments and keys for the segment tests, made the way the product makes them: segments by
// libs/segments (stored, then their members computed and logged), keys by the repository.
import { createApiKey } from '@stratum/db';
import type { Db } from '@stratum/db';
import type { ApiScope } from '@stratum/schemas';
// Tests write through the real segment code; the app itself never imports it (lint checks src).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createSegment } from '@stratum/segments';

/** A segment definition: members are the profiles whose trait `plan` equals `plan`. */
export function planIs(plan: string) {
  return { trait: 'plan', op: 'eq', value: plan } as const;
}

/**
 * Creates a segment and computes its members (each entry logged at `now`).
 * @returns its id
 */
export async function createTestSegment(
  db: Db,
  tenantId: string,
  input: { name: string; definition: unknown },
  now = new Date(),
): Promise<string> {
  const result = await createSegment(db, tenantId, input, { now });
  if (!result.ok) throw new Error(`createTestSegment: ${result.error}`);
  return result.value.segmentId;
}

/** A secret key of the tenant with these scopes, as an `Authorization` header value. */
export async function bearerWithScopes(
  db: Db,
  tenantId: string,
  scopes: readonly ApiScope[],
): Promise<string> {
  const key = await createApiKey(db, { tenantId, name: `test ${scopes.join(' ')}`, scopes });
  return `Bearer ${key.key}`;
}
