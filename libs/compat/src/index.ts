export { posthogMessageToEvent } from './posthog';
export { POSTHOG_ROUTES, splitPosthogBody } from './posthog-body';
export { SEGMENT_TYPES, segmentMessageToEvent } from './segment';
export type { SegmentType } from './segment';
export { SEGMENT_ROUTES, splitSegmentBody } from './segment-body';
export { GROUP_EVENT_NAME } from './segment-name';
export type { BatchInfo, CompatEvent, MappedEvent } from './mapped-event';
export type { SplitBody } from './split-body';
