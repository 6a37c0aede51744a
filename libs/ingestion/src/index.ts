export { createIngestQueue } from './store/ingest-queue';
export type { IngestQueue, IngestQueueOptions } from './store/ingest-queue';
export { requestLaneOf } from './lanes/customer-lane';
export { ingestRequests } from './store/ingest-batch.service';
export type {
  IngestOptions,
  IngestRequest,
  IngestResult,
  IngestTenant,
} from './store/ingest-batch.service';
export { isolateBadEvents } from './store/isolate-bad-events';
export type { NormalizedEvent, StorableEvent } from './store/normalized-event';
export type { TenantSettings } from './tenants/tenant-settings';
export { createTenantSettingsReader } from './tenants/tenant-settings.repository';
export type { TenantSettingsReader } from './tenants/tenant-settings.repository';
export { withTransactionRetry } from './store/transaction-retry';
export { createRejectedEventsLog } from './rejected/rejected-events-log';
export type { RejectedEventEntry, RejectedEventsLog } from './rejected/rejected-events-log';
export { appendToInbox, inboxDepth } from './inbox/inbox.statements';
export { createInboxAppender } from './inbox/inbox-appender';
export type { InboxAppender } from './inbox/inbox-appender';
export type { InboxAppend, InboxShare } from './inbox/inbox.statements';
export { SUPPRESSED_ISSUE } from './rejected/suppressed-issue';
export { resolveInbox } from './inbox/resolve-inbox';
export type { InboxRun, ResolveInboxDeps } from './inbox/resolve-inbox';
