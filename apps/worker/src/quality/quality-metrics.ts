import { Gauge, Registry } from 'prom-client';

/** The per-source quality metrics (names are a contract: the dashboard and alerts use them). */
export interface QualityMetrics {
  /** `cdp_source_match_quality{tenant_id, source_id}`: the rolling 30-day score, 0–10. */
  matchQuality: Gauge<'tenant_id' | 'source_id'>;
  /** `cdp_volume_anomaly{tenant_id, source_id, kind, severity}`: 1 while the latest hour is flagged. */
  volumeAnomaly: Gauge<'tenant_id' | 'source_id' | 'kind' | 'severity'>;
}

/** Registers the quality metrics in `registry` (a fresh one by default, for tests). */
export function createQualityMetrics(registry: Registry = new Registry()): QualityMetrics {
  const registers = [registry];
  return {
    matchQuality: new Gauge({
      name: 'cdp_source_match_quality',
      help: 'Match quality of each source over the last 30 days, 0 to 10 (docs/DATA_QUALITY.md)',
      labelNames: ['tenant_id', 'source_id'] as const,
      registers,
    }),
    volumeAnomaly: new Gauge({
      name: 'cdp_volume_anomaly',
      help: '1 while the latest summarised hour of a source is flagged as a volume anomaly, by kind and severity',
      labelNames: ['tenant_id', 'source_id', 'kind', 'severity'] as const,
      registers,
    }),
  };
}
