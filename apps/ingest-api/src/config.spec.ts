import { loadConfig } from '@stratum/http';
import { IngestConfigSchema } from './config';

const DATABASE_URL = 'postgres://app@db.internal:5432/cdp';

describe('IngestConfigSchema', () => {
  it('listens on 3001 and serves metrics on 3101 by default', () => {
    expect(loadConfig(IngestConfigSchema, { DATABASE_URL })).toMatchObject({
      PORT: 3001,
      METRICS_PORT: 3101,
    });
  });

  it('refuses the public port as the metrics port', () => {
    expect(() => loadConfig(IngestConfigSchema, { DATABASE_URL, METRICS_PORT: '3001' })).toThrow(
      'METRICS_PORT: must differ from PORT',
    );
  });
});
