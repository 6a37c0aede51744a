import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { SegmentDefinitionSchema } from '@stratum/schemas';
import { sql } from 'kysely';
import { selectMemberIds } from './select-member-ids';
import { HOSTILE_STRINGS } from './testing/hostile-strings';
import { NOW, buildWorld, daysAgo } from './testing/segment-world';
import type { WorldProfile } from './testing/segment-world';

// Each hostile string is a trait key, a trait value, an event name and a property name and
// value of one profile; a decoy holds a near miss of each.
function holder(text: string, decoy: boolean): WorldProfile {
  const value = decoy ? `${text}x` : text;
  return {
    traits: { [text]: value, nested: { [text]: [value] } },
    firstSeen: daysAgo(3),
    lastSeen: daysAgo(1),
    events: [{ name: value, at: daysAgo(1), properties: { [text]: value } }],
  };
}

describe('hostile strings in a definition', () => {
  let test: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    tenantId = (await createTestTenant(test.db)).tenant.tenantId;
  });

  afterAll(() => test.destroy());

  it.each(HOSTILE_STRINGS)('%j matches as a plain value', async (text) => {
    const ids = await buildWorld(test.db, tenantId, {
      target: holder(text, false),
      decoy: holder(text, true),
    });
    const definition = SegmentDefinitionSchema.parse({
      all: [
        { trait: text, op: 'eq', value: text },
        { trait: text, op: 'in', value: [text] },
        { trait: text, op: 'contains', value: text },
        { trait: `nested.${text}`, op: 'contains', value: text },
        { event: text, where: [{ property: text, op: 'eq', value: text }] },
      ],
    });
    const rows = await selectMemberIds(test.db, tenantId, definition, {
      now: NOW,
      profileIds: [ids['target']!, ids['decoy']!],
    }).execute();
    expect(rows.map((row) => row.profile_id)).toEqual([ids['target']]);
    const { rows: tables } = await sql<{ n: number }>`
      select count(*)::int as n from pg_tables where tablename in ('cdp_profiles', 'cdp_events')`.execute(
      test.db,
    );
    expect(tables[0]?.n).toBe(2);
  });
});
