// The public face of @stratum/quality: match-quality scoring and volume anomalies, pure.
export type { MatchableEvent } from './match-keys';
export { addTallies, emptyTally, matchQuality, scoreTally, tallyMatchKeys } from './match-quality';
export type { MatchQuality, MatchTally } from './match-quality';
export { detectVolumeAnomaly } from './volume-anomaly';
export type {
  AnomalyKind,
  AnomalyOptions,
  HourBaseline,
  HourlySeries,
  VolumeAnomaly,
} from './volume-anomaly';
export { syntheticSeries } from './synthetic-series';
export type { SyntheticSeriesOptions } from './synthetic-series';
