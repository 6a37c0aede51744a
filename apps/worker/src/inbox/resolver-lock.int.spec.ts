import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { withResolverLock } from './resolver-lock';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

describe('withResolverLock', () => {
  it('lets one run of a resolver in at a time, others of it answered busy, other resolvers free', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withResolverLock(database.db, 0, async () => {
      await held;
      return 'first';
    });
    // Let the first take its lock.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ran: string[] = [];
    expect(
      await withResolverLock(database.db, 0, () => Promise.resolve(ran.push('second'))),
    ).toEqual({
      ran: false,
    });
    expect(await withResolverLock(database.db, 1, () => Promise.resolve('other'))).toEqual({
      ran: true,
      result: 'other',
    });
    release();
    expect(await first).toEqual({ ran: true, result: 'first' });
    expect(ran).toEqual([]);
    // Released: the next run gets in, also after a run that threw.
    await expect(
      withResolverLock(database.db, 0, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await withResolverLock(database.db, 0, () => Promise.resolve('third'))).toEqual({
      ran: true,
      result: 'third',
    });
  });
});
