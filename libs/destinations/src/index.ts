// The public face of @stratum/destinations: webhook destinations, their deliveries and the
// job queue's side of them (queueing, replay); the worker sends.
export {
  createDestination,
  deleteDestination,
  findDestination,
  listDestinations,
  updateDestination,
} from './destination.repository';
export type { CreatedDestination, UnknownSegments } from './destination.repository';
export type {
  DestinationChanges,
  DestinationFilters,
  DestinationInput,
  DestinationRecord,
} from './destination.types';
export { findDelivery, listDeliveries } from './delivery.repository';
export type { DeliveriesPage, DeliveriesPageOptions } from './delivery.repository';
export { decodeDeliveryCursor } from './delivery-cursor';
export type { DeliveryRecord } from './delivery-row';
export { DELIVERY_BATCH_SIZE, WEBHOOK_DELIVER_TASK, isQueueMissing } from './delivery-queue';
export type { DeliveryBatchPayload, DeliveryJobPayload } from './delivery-queue';
export { enqueueDeliveries } from './enqueue-delivery';
export type { NewDelivery } from './enqueue-delivery';
export { replayDeadDeliveries, replayDelivery } from './replay-deliveries';
export { sendTestDelivery } from './test-delivery';
export { loadDeliveryTarget, loadDeliveryTargets } from './delivery-target';
export type { DeliveryTarget } from './delivery-target';
export { dropDelivery, recordAttempt, recordDelivered } from './record-attempt';
export type { DeliveredAttempt } from './record-attempt';
export type { AttemptResult, RecordAttemptOptions, RecordedOutcome } from './record-attempt';
export { requeueLostDeliveries } from './requeue-lost';
export type { RequeueOptions } from './requeue-lost';
export { queueAnomalyAlerts } from './alerts/queue-anomaly-alerts';
export { fanOutChanges } from './fan-out/fan-out-changes';
export type { FanOutResult } from './fan-out/fan-out-changes';
