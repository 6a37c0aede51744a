import { ConfigError, loadConfig } from '@stratum/http';
import { ProfileConfigSchema } from './config';

const DATABASE_URL = 'postgres://reader@db.internal:5432/cdp';

describe('ProfileConfigSchema', () => {
  it('listens on 3002 by default', () => {
    const config = loadConfig(ProfileConfigSchema, { DATABASE_URL });
    expect(config.PORT).toBe(3002);
    expect(config.DATABASE_URL).toBe(DATABASE_URL);
  });

  it('serves metrics on 3102 by default, apart from the public port', () => {
    expect(loadConfig(ProfileConfigSchema, { DATABASE_URL }).METRICS_PORT).toBe(3102);
    expect(() => loadConfig(ProfileConfigSchema, { DATABASE_URL, PORT: '3102' })).toThrow(
      'METRICS_PORT: must differ from PORT',
    );
  });

  it('prepares look-ups unless told not to', () => {
    expect(loadConfig(ProfileConfigSchema, { DATABASE_URL }).DB_PREPARED_STATEMENTS).toBe(true);
    expect(
      loadConfig(ProfileConfigSchema, { DATABASE_URL, DB_PREPARED_STATEMENTS: 'false' })
        .DB_PREPARED_STATEMENTS,
    ).toBe(false);
  });

  it('takes PORT from the environment', () => {
    expect(loadConfig(ProfileConfigSchema, { DATABASE_URL, PORT: '4002' }).PORT).toBe(4002);
  });

  it('names every bad variable, never its value', () => {
    let caught: unknown;
    try {
      loadConfig(ProfileConfigSchema, { PORT: '70000', DATABASE_URL: 'mysql://u:hunter2@h/db' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['DATABASE_URL', 'PORT']);
    expect(error.message).not.toContain('hunter2');
  });
});
