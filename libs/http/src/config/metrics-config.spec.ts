import { BaseApiConfigSchema } from './base-api-config';
import { envInt } from './env-fields';
import { ConfigError, loadConfig } from './load-config';
import { metricsPortApart, metricsPortField } from './metrics-config';

const Schema = BaseApiConfigSchema.extend({
  PORT: envInt(1, 65_535).default(3001),
  METRICS_PORT: metricsPortField(3101, 'test API'),
}).superRefine(metricsPortApart);
const DATABASE_URL = 'postgres://app@127.0.0.1:5432/app';

function issues(env: Record<string, string>): ConfigError['issues'] {
  try {
    loadConfig(Schema, { DATABASE_URL, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('metrics configuration', () => {
  it('listens for metrics on the default port, with no token', () => {
    const config = loadConfig(Schema, { DATABASE_URL });
    expect(config.METRICS_PORT).toBe(3101);
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(Schema.shape.METRICS_PORT.description).toContain('test API');
  });

  it('takes a port and a token from the environment', () => {
    const token = 'Zm9vYmFyLWJhei1xdXV4LTEyMzQ=';
    const config = loadConfig(Schema, { DATABASE_URL, METRICS_PORT: '9464', METRICS_TOKEN: token });
    expect(config).toMatchObject({ METRICS_PORT: 9464, METRICS_TOKEN: token });
  });

  it('refuses the public port as the metrics port', () => {
    expect(issues({ PORT: '8080', METRICS_PORT: '8080' })).toEqual([
      { variable: 'METRICS_PORT', message: 'must differ from PORT' },
    ]);
  });

  it.each([
    ['too short', 'short-token'],
    ['with a space', 'a token with spaces in it'],
    ['with a non-ASCII character', 'jetón-de-métricas-0123'],
  ])('refuses a token %s, never repeating it', (_why, token) => {
    const found = issues({ METRICS_TOKEN: token });
    expect(found).toEqual([{ variable: 'METRICS_TOKEN', message: expect.any(String) as string }]);
    expect(found[0]?.message).not.toContain(token);
  });

  it('treats an empty token as unset', () => {
    expect(loadConfig(Schema, { DATABASE_URL, METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined();
  });
});
