import { createServer } from 'node:net';
import { findFreePort } from './free-port';
import {
  assertTestDatabaseName,
  databaseUrl,
  templateDatabaseName,
  testDatabaseName,
} from './test-database-names';

describe('test database names', () => {
  it.each(['cdp_test_abc_template', 'cdp_test_abc_0123456789ab', 'cdp_test_'])(
    'accepts %p',
    (name) => {
      expect(() => assertTestDatabaseName(name)).not.toThrow();
    },
  );

  it.each([
    'postgres',
    'test',
    'stratum',
    'CDP_TEST_x',
    'cdp_test_a;drop',
    'cdp_test_a"b',
    `cdp_test_${'x'.repeat(60)}`,
    'xcdp_test_a',
  ])('refuses %p', (name) => {
    expect(() => assertTestDatabaseName(name)).toThrow('not a test database');
  });

  it('derives the template and per-file names from the run id', () => {
    expect(templateDatabaseName('run1')).toBe('cdp_test_run1_template');
    expect(testDatabaseName('run1', 'abc')).toBe('cdp_test_run1_abc');
  });

  it('points a server URL at another database, keeping credentials and options', () => {
    expect(
      databaseUrl('postgres://u:p@127.0.0.1:5433/postgres?sslmode=disable', 'cdp_test_x'),
    ).toBe('postgres://u:p@127.0.0.1:5433/cdp_test_x?sslmode=disable');
    expect(databaseUrl('postgresql://h/', 'cdp_test_y')).toBe('postgresql://h/cdp_test_y');
  });
});

describe('findFreePort', () => {
  it('finds a port nothing listens on', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
