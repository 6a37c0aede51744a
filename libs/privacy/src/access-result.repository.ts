import type { Db } from '@stratum/db';

/** Parts read per statement while streaming a document. */
const PARTS_PER_READ = 20;

/**
 * Hands the stored parts of an access document to `write`, in order, a few at a time, so
 * that a large document is never held whole; `write` may wait (back-pressure).
 * @returns how many parts there were (zero when the document is gone)
 */
export async function streamAccessDocument(
  db: Db,
  tenantId: string,
  requestId: string,
  write: (chunk: string) => Promise<void>,
): Promise<number> {
  let next = 0;
  for (;;) {
    const rows = await db
      .selectFrom('cdp_privacy_results')
      .select(['part', 'body'])
      .where('tenant_id', '=', tenantId)
      .where('request_id', '=', requestId)
      .where('part', '>=', next)
      .orderBy('part')
      .limit(PARTS_PER_READ)
      .execute();
    for (const row of rows) await write(row.body);
    if (rows.length < PARTS_PER_READ) return next + rows.length;
    next = rows[rows.length - 1]!.part + 1;
  }
}
