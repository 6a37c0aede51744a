// The public face of @stratum/quality: match-quality scoring and volume anomalies, pure.
export { matchKeysOf } from './match-keys';
export type { MatchableEvent } from './match-keys';
export {
  MATCH_KEY_WEIGHTS,
  addTallies,
  emptyTally,
  matchQuality,
  scoreTally,
  tallyMatchKeys,
} from './match-quality';
export type { MatchQuality, MatchRating, MatchTally } from './match-quality';
export { median, medianAbsoluteDeviation } from './robust-stats';
export { DEFAULT_ANOMALY_OPTIONS, detectVolumeAnomaly, hourBaseline } from './volume-anomaly';
export type {
  AnomalyKind,
  AnomalyOptions,
  AnomalySeverity,
  HourBaseline,
  HourlySeries,
  VolumeAnomaly,
} from './volume-anomaly';
export { mulberry32, syntheticSeries } from './synthetic-series';
export type { SyntheticSeriesOptions } from './synthetic-series';
