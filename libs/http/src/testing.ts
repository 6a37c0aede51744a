import { Writable } from 'node:stream';
import winston from 'winston';
import type { Logger, LogLevel } from './logging/logger';
import { createLogger } from './logging/logger';

export { bundleApiApp } from './app-process/bundle-api-app';
export { AppExitedError } from './app-process/start-app-process';
export type { RunningApp } from './app-process/start-app-process';
export { startApiApp } from './app-process/start-api-app';
export type { ApiAppName } from './app-process/workspace-root';

/** One parsed log line. */
type LogLine = Record<string, unknown> & { level: string; message: string };

/** A winston transport keeping every written line in memory, for assertions. */
export interface MemoryTransport {
  transport: winston.transport;
  /** The lines written so far, parsed from the exact JSON the logger produced. */
  lines: () => LogLine[];
  /** The raw JSON text written so far. */
  text: () => string;
  clear: () => void;
  /** Resolves with the first line matching `predicate`, waiting up to `timeoutMs`. */
  waitFor: (predicate: (line: LogLine) => boolean, timeoutMs?: number) => Promise<LogLine>;
}

/** Creates a {@link MemoryTransport}; pass `transport` to `createLogger({ transports })`. */
function createMemoryTransport(): MemoryTransport {
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      written += chunk.toString();
      callback();
    },
  });
  const lines = (): LogLine[] =>
    written
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as LogLine);
  // Lines reach the transport through winston's streams, a tick or so after the call.
  const waitFor = async (predicate: (line: LogLine) => boolean, timeoutMs = 2000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines().find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error('waitFor: no matching log line');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return {
    transport: new winston.transports.Stream({ stream }),
    lines,
    text: () => written,
    clear: () => {
      written = '';
    },
    waitFor,
  };
}

/** A logger writing to memory, and its lines. */
export function createTestLogger(level: LogLevel = 'debug'): MemoryTransport & { logger: Logger } {
  const memory = createMemoryTransport();
  return { ...memory, logger: createLogger({ level, transports: [memory.transport] }) };
}
