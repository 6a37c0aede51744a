import { loadConfig } from '@stratum/http';
import { AdminConfigSchema } from './config';

const DATABASE_URL = 'postgres://admin@db.internal:5432/cdp';

describe('AdminConfigSchema', () => {
  it('listens on 3004 and serves metrics on 3104 by default', () => {
    const config = loadConfig(AdminConfigSchema, { DATABASE_URL });
    expect(config.PORT).toBe(3004);
    expect(config.METRICS_PORT).toBe(3104);
  });

  it('refuses private destination URLs unless DESTINATIONS_ALLOW_PRIVATE says otherwise', () => {
    expect(loadConfig(AdminConfigSchema, { DATABASE_URL }).DESTINATIONS_ALLOW_PRIVATE).toBe(false);
    const allowed = loadConfig(AdminConfigSchema, {
      DATABASE_URL,
      DESTINATIONS_ALLOW_PRIVATE: 'true',
    });
    expect(allowed.DESTINATIONS_ALLOW_PRIVATE).toBe(true);
  });

  it('refuses a metrics port equal to the public one', () => {
    expect(() => loadConfig(AdminConfigSchema, { DATABASE_URL, PORT: '3104' })).toThrow(
      'METRICS_PORT: must differ from PORT',
    );
  });
});
