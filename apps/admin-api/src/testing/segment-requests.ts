import request from 'supertest';
import type { Response } from 'supertest';
import { createApiKey } from '@stratum/db';
import type { Db } from '@stratum/db';
import type { ApiScope } from '@stratum/schemas';
import type { AdminTestApp } from './admin-test-app';

/** The collection path of the segment routes. */
export const SEGMENTS = '/api/v1/cdp/segments';

/** A well-formed id that names no segment. */
export const UNKNOWN_SEGMENT_ID = '00000000-0000-4000-8000-000000000000';

/** `Authorization` value of a new secret key of `tenantId` that carries only `scopes`. */
export async function secretKeyWith(
  db: Db,
  tenantId: string,
  scopes: readonly ApiScope[],
): Promise<string> {
  const key = await createApiKey(db, { tenantId, name: `test ${scopes.join(' ')}`, scopes });
  return `Bearer ${key.key}`;
}

/** POST /segments with the tenant's secret key; throws unless the segment was created. */
export async function createSegmentThroughApi(
  t: AdminTestApp,
  body: unknown,
  auth = t.secretAuth,
): Promise<Response> {
  const res = await request(t.app)
    .post(SEGMENTS)
    .set('Authorization', auth)
    .send(body as object);
  if (res.status !== 201) {
    throw new Error(`POST ${SEGMENTS} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res;
}

/** Rows in each segment table: what a refused request must leave unchanged. */
export async function segmentTableCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'cdp_segments',
    'cdp_segment_versions',
    'cdp_segment_members',
    'cdp_segment_membership_log',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
