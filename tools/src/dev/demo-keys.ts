import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_TENANT_NAME, findTenantByName, seedDemo } from '@stratum/db';
import type { Db } from '@stratum/db';

export interface DemoKeys {
  tenantId: string;
  sourceId: string;
  writeKey: string;
  secretKey: string;
}

/**
 * Creates the demo tenant on first start. Keys are stored only as hashes in the database,
 * so the plaintext demo keys are kept in `.data/demo-keys.json` to be printed on every start.
 */
export async function ensureDemoTenant(db: Db, dataDir: string): Promise<DemoKeys | undefined> {
  const file = path.join(dataDir, 'demo-keys.json');
  const existing = await findTenantByName(db, DEMO_TENANT_NAME);
  if (existing) {
    if (!existsSync(file)) return undefined;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as DemoKeys;
    return saved.tenantId === existing.tenantId ? saved : undefined;
  }
  const seeded = await seedDemo(db);
  const keys: DemoKeys = {
    tenantId: seeded.tenant.tenantId,
    sourceId: seeded.source.sourceId,
    writeKey: seeded.writeKey.key,
    secretKey: seeded.secretKey.key,
  };
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}
