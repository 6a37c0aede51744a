export { createIngestQueue } from './store/ingest-queue';
export type { IngestQueue, IngestQueueOptions } from './store/ingest-queue';
export { ingestRequests } from './store/ingest-batch.service';
export type {
  IngestOptions,
  IngestRequest,
  IngestResult,
  IngestTenant,
} from './store/ingest-batch.service';
export { isolateBadEvents } from './store/isolate-bad-events';
export { isDataException, dataExceptionIssue } from './store/data-exception';
export type { NormalizedEvent } from './store/normalized-event';
export type { TenantSettings } from './tenants/tenant-settings';
export { createTenantSettingsReader } from './tenants/tenant-settings.repository';
export type { TenantSettingsReader } from './tenants/tenant-settings.repository';
export { withTransactionRetry } from './store/transaction-retry';
