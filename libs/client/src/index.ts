export { StratumClient } from './stratum-client';
export type { FlushResult, UnloadFlushResult } from './stratum-client';
export { DeliveryError } from './client-options';
export type { ClientOptions } from './client-options';
export type { ClientIdentifier, EventFields, IdentifierType, WireEvent } from './client-event';
export { retryDelayMs } from './retry-delay';
export { KEEPALIVE_LIMIT_BYTES } from './unload-plan';
