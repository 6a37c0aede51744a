import { z } from 'zod';
import { BaseApiConfigSchema } from './base-api-config';
import { describeConfig } from './describe-config';
import { envBoolean, envInt, envUrl } from './env-fields';
import { ConfigError, exitOnConfigError, loadConfig } from './load-config';

const SECRET_URL = 'postgres://app:s3cr3t-pa55@db.internal:5432/cdp';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies every default of the base API schema', () => {
    const config = loadConfig(BaseApiConfigSchema, { DATABASE_URL: SECRET_URL });
    expect(config).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      HOST: '0.0.0.0',
      DATABASE_URL: SECRET_URL,
      DB_POOL_MAX: 10,
      DB_CONNECTION_TIMEOUT_MS: 2000,
      DB_STATEMENT_TIMEOUT_MS: 15000,
      RATE_LIMIT_PER_MINUTE: 100,
      KEY_CACHE_TTL_MS: 30000,
      TRUST_PROXY: false,
      SHUTDOWN_TIMEOUT_MS: 10000,
    });
  });

  it('parses explicit values', () => {
    const config = loadConfig(BaseApiConfigSchema, {
      DATABASE_URL: 'postgresql://localhost/x',
      NODE_ENV: 'production',
      DB_POOL_MAX: '25',
      TRUST_PROXY: 'yes',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      NODE_ENV: 'production',
      DB_POOL_MAX: 25,
      TRUST_PROXY: true,
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'debug',
    });
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig(BaseApiConfigSchema, { DATABASE_URL: SECRET_URL, DB_POOL_MAX: '' });
    expect(config.DB_POOL_MAX).toBe(10);
  });

  it('names every bad variable with its reason and never its value', () => {
    const error = configError(() =>
      loadConfig(BaseApiConfigSchema, {
        DATABASE_URL: 'mysql://root:hunter2@db/cdp',
        DB_POOL_MAX: 'lots',
        TRUST_PROXY: 'perhaps',
        NODE_ENV: 'staging',
        REDIS_URL: 'http://cache:hunter2@x',
      }),
    );
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'DATABASE_URL',
      'DB_POOL_MAX',
      'NODE_ENV',
      'REDIS_URL',
      'TRUST_PROXY',
    ]);
    expect(error.message).toContain('DATABASE_URL: must be a URL with scheme postgres, postgresql');
    expect(error.message).toContain('DB_POOL_MAX: must be an integer from 1 to 1000');
    expect(error.message).toContain('TRUST_PROXY: must be a boolean');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('lots');
  });

  it('says a required variable is required', () => {
    const error = configError(() => loadConfig(BaseApiConfigSchema, {}));
    expect(error.issues).toEqual([{ variable: 'DATABASE_URL', message: 'is required' }]);
    expect(error.message).toBe('Invalid configuration:\n  DATABASE_URL: is required');
  });

  it('reads process.env by default', () => {
    const schema = z.object({ HTTP_LIB_SPEC_VAR: envInt(1, 5) });
    process.env['HTTP_LIB_SPEC_VAR'] = '3';
    try {
      expect(loadConfig(schema)).toEqual({ HTTP_LIB_SPEC_VAR: 3 });
    } finally {
      delete process.env['HTTP_LIB_SPEC_VAR'];
    }
  });
});

describe('env fields', () => {
  it.each([
    ['42', 42],
    [' 7 ', 7],
    ['-1', -1],
  ])('envInt accepts %j', (input, expected) => {
    expect(envInt(-5, 100).parse(input)).toBe(expected);
  });

  it.each(['1e3', '0x10', '4.5', 'ten', '101', '-6'])('envInt refuses %j', (input) => {
    expect(envInt(-5, 100).safeParse(input).success).toBe(false);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('envBoolean reads %j', (input, expected) => {
    expect(envBoolean().parse(input)).toBe(expected);
  });

  it.each([
    ['redis://localhost:6379', true],
    ['rediss://user:pw@cache:6380/0', true],
    ['http://localhost', false],
    ['not a url', false],
  ])('envUrl(redis, rediss) on %j is %s', (input, ok) => {
    expect(envUrl(['redis', 'rediss']).safeParse(input).success).toBe(ok);
  });
});

describe('exitOnConfigError', () => {
  it('prints the ConfigError and exits 1', () => {
    const written: string[] = [];
    const exit = jest.fn((code: number) => {
      throw new Error(`exit ${code}`);
    }) as unknown as (code: number) => never;
    expect(() =>
      exitOnConfigError(new ConfigError([{ variable: 'A', message: 'is required' }]), {
        write: (text) => written.push(text),
        exit,
      }),
    ).toThrow('exit 1');
    expect(written.join('')).toBe('Invalid configuration:\n  A: is required\n');
  });

  it('rethrows anything else', () => {
    const boom = new Error('boom');
    expect(() => exitOnConfigError(boom)).toThrow(boom);
  });
});

describe('describeConfig', () => {
  it('lists every base variable with description, default and requiredness', () => {
    const variables = describeConfig(BaseApiConfigSchema);
    expect(variables.map((variable) => variable.name)).toEqual(
      Object.keys(BaseApiConfigSchema.shape),
    );
    expect(variables.every((variable) => variable.description.length > 10)).toBe(true);
    expect(variables.find((variable) => variable.name === 'DATABASE_URL')).toMatchObject({
      required: true,
      default: undefined,
    });
    expect(variables.find((variable) => variable.name === 'DB_POOL_MAX')).toMatchObject({
      required: false,
      default: '10',
    });
    expect(variables.find((variable) => variable.name === 'REDIS_URL')).toMatchObject({
      required: false,
      default: undefined,
    });
    expect(variables.find((variable) => variable.name === 'TRUST_PROXY')?.default).toBe('false');
  });
});
