import winston from 'winston';

/** The logger every package receives (winston's). */
export type Logger = winston.Logger;

/** The levels `LOG_LEVEL` accepts (winston's npm levels). */
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  level: LogLevel;
  /** Drop every line (tests that do not look at logs). */
  silent?: boolean;
  /** Added to every line, e.g. `{ service: 'ingest-api' }`. */
  defaultMeta?: Record<string, string>;
  /** Where lines go; stdout when absent. Tests pass `createMemoryTransport()`. */
  transports?: winston.transport[];
}

/**
 * A winston logger writing one JSON object per line (`timestamp`, `level`, `message`
 * and the fields) to stdout. Callers log fields, never bodies, headers or identifiers.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  return winston.createLogger({
    level: options.level,
    silent: options.silent ?? false,
    defaultMeta: options.defaultMeta,
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: options.transports ?? [new winston.transports.Console()],
  });
}

/** The fields to log for an error: its name, message, code and stack (server side only). */
export function errorFields(error: unknown, depth = 0): { error: Record<string, unknown> } {
  if (!(error instanceof Error)) return { error: { message: String(error) } };
  const code = 'code' in error ? error.code : undefined;
  return {
    error: {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
      stack: error.stack,
      ...(error.cause === undefined || depth >= 3
        ? {}
        : { cause: errorFields(error.cause, depth + 1).error }),
    },
  };
}
