export { posthogMessageToEvent } from './posthog';
export { POSTHOG_ROUTES, splitPosthogBody } from './posthog-body';
export { redactPosthogMessage, redactSegmentMessage } from './redact-message';
export { segmentMessageToEvent } from './segment';
export type { SegmentType } from './segment';
export { SEGMENT_ROUTES, splitSegmentBody } from './segment-body';
export type { BatchInfo, CompatEvent, MappedEvent } from './mapped-event';
export type { SplitBody } from './split-body';
