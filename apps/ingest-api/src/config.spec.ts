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

  it('runs one lane per tenant by default, and takes 1 to 256', () => {
    expect(loadConfig(IngestConfigSchema, { DATABASE_URL }).INGEST_LANES).toBe(1);
    expect(loadConfig(IngestConfigSchema, { DATABASE_URL, INGEST_LANES: '4' }).INGEST_LANES).toBe(
      4,
    );
    expect(() => loadConfig(IngestConfigSchema, { DATABASE_URL, INGEST_LANES: '0' })).toThrow(
      'INGEST_LANES: must be an integer from 1 to 256',
    );
  });
});
