import { listEventPartitions } from '@stratum/db';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { maintainEventPartitions } from './partitions.task';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database.destroy();
});

describe('maintainEventPartitions', () => {
  it('creates the missing months around now, once, and logs what it created', async () => {
    const { logger, lines } = createTestLogger('info');
    const deps = { db: database.db, logger, monthsAhead: 2, monthsBehind: 1 };
    const now = new Date('2031-06-15T12:00:00Z');

    const first = await maintainEventPartitions(deps, now);
    expect(first.created).toEqual([
      'cdp_events_p2031_05',
      'cdp_events_p2031_06',
      'cdp_events_p2031_07',
      'cdp_events_p2031_08',
    ]);
    const names = (await listEventPartitions(database.db)).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(first.created));
    expect(names).not.toContain('cdp_events_p2031_09');

    expect((await maintainEventPartitions(deps, now)).created).toEqual([]);
    const logged = lines().filter((l) => l.message === 'partitions maintained');
    expect(logged.map((l) => l['partitions_created'])).toEqual([4, 0]);
    expect(logged[0]).toMatchObject({ task: 'partitions-maintain', months_ahead: 2 });
  });
});
