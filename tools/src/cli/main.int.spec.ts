import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { runCli } from './cli.testing';
import { describeError } from './cli-errors';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.destroy();
});

describe('cdp', () => {
  it('prints help with exit code 0', async () => {
    const result = await runCli(['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: cdp');
    for (const group of ['migrate', 'tenant', 'key', 'source', 'partitions', 'retention', 'seed']) {
      expect(result.stdout).toContain(group);
    }
    const sub = await runCli(['key', 'create', '--help'], {});
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--scopes <list>');
  });

  it.each([
    [['nope']],
    [['migrate']],
    [['migrate', 'sideways']],
    [[]],
    [['tenant', 'create']],
    [['tenant', 'create', '--name', 'x', '--what']],
    [['tenant', 'create', '--name', 'x', 'extra']],
  ])('exits 2 on a usage error: %j', async (args) => {
    const result = await runCli(args, { DATABASE_URL: testDb.url });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe('');
    expect(result.stdout).toBe('');
  });

  it.each([
    [{}, /DATABASE_URL is required/],
    [{ DATABASE_URL: '' }, /DATABASE_URL is required/],
    [{ DATABASE_URL: 'mysql://localhost/x' }, /DATABASE_URL must be a postgres/],
  ])(
    'exits 2 with a clear message when DATABASE_URL is missing or wrong (%j)',
    async (env, message) => {
      const result = await runCli(['migrate', 'status'], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    },
  );

  it('exits 1 when the database cannot be reached, without a stack trace', async () => {
    const result = await runCli(['migrate', 'status'], {
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/none',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*ECONNREFUSED/);
    expect(result.stderr).not.toContain('    at ');
    expect(result.stderr).not.toContain('secret');
  });
});

describe('describeError', () => {
  it.each([
    [new Error('plain'), 'plain'],
    [Object.assign(new Error(''), { code: 'ECONNRESET' }), 'ECONNRESET'],
    [new TypeError(''), 'TypeError'],
    [new AggregateError([new Error('first'), new Error('second')], ''), 'first'],
    ['a string', 'a string'],
  ])('describes %p as %p', (error, expected) => {
    expect(describeError(error)).toBe(expected);
  });
});
