// Network failures reaching the server (Node sets these on the socket error pg surfaces).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
]);

// SQLSTATEs meaning "the server is going away, not there yet, or full": retrying later
// can succeed. 57014 (statement timeout) is included because with DB_STATEMENT_TIMEOUT_MS
// set it means an overloaded database, not a bad request.
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
  '57014', // query_canceled (statement_timeout)
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '53300', // too_many_connections
  '53200', // out_of_memory (also "out of shared memory": the lock table is full for now)
  '53000', // insufficient_resources
]);

// What pg and pg-pool throw without a code when a connection cannot be had or is lost.
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'connection terminated',
  'client has encountered a connection error',
  'cannot use a pool after calling end on the pool',
];

function isUnavailableLeaf(error: object): boolean {
  const code = 'code' in error ? error.code : undefined;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code))) {
    return true;
  }
  const message = 'message' in error ? error.message : undefined;
  if (typeof message !== 'string') return false;
  const lower = message.toLowerCase();
  return UNAVAILABLE_MESSAGES.some((fragment) => lower.includes(fragment));
}

/**
 * Whether an error means PostgreSQL cannot be reached or cannot serve right now (refused,
 * unknown host, connect timeout, lost connection, shutting down, too many connections):
 * such errors are answered 503 with `Retry-After`. Looks through `cause` chains and
 * `AggregateError`s (Node reports a refused dual-stack connect as one).
 */
export function isDatabaseUnavailableError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  if (isUnavailableLeaf(error)) return true;
  if ('errors' in error && Array.isArray(error.errors)) {
    if (error.errors.some((inner: unknown) => isDatabaseUnavailableError(inner, depth + 1))) {
      return true;
    }
  }
  return 'cause' in error && isDatabaseUnavailableError(error.cause, depth + 1);
}
