import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import { markShuttingDown } from './shutdown-state';
import { acceptsUpgrades, routeUpgrade } from './upgrade';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  port: number;
  host: string;
  logger: Logger;
  /** After this long, shutdown gives up on in-flight requests and exits 1. */
  shutdownTimeoutMs: number;
  /** Runs once every request has finished: close the pool, the rate limiter, … */
  onShutdown: () => Promise<void>;
  /** Signals that start shutdown. Default SIGTERM and SIGINT; `[]` for none (tests). */
  signals?: NodeJS.Signals[];
  /** Ends the process after a signal-driven shutdown. Default `process.exit`. */
  exit?: (code: number) => void;
}

/** A listening server and its shutdown. */
export interface RunningServer {
  server: http.Server;
  /** `http://host:port` it listens on (the real port when 0 was asked). */
  url: string;
  /**
   * Stops accepting connections, lets in-flight requests finish, then runs `onShutdown`.
   * Resolves to the exit code: 0, or 1 on timeout or a failing `onShutdown`. Never exits
   * the process itself; repeated calls share one shutdown.
   */
  shutdown: (reason?: string) => Promise<number>;
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Listens with `app` and drains on SIGTERM/SIGINT: /readyz turns 503, no new connections
 * are accepted, in-flight requests finish (answered with `Connection: close`), then
 * `onShutdown` runs and the process exits 0; past `shutdownTimeoutMs` it exits 1. A
 * second signal exits 1 at once.
 */
export async function startServer(
  app: Express,
  options: StartServerOptions,
): Promise<RunningServer> {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  // Keep-alive clients must reconnect elsewhere rather than reuse a closing server: every
  // answer written once draining has begun says `Connection: close`.
  let draining = false;
  const unanswered = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (draining) res.setHeader('Connection', 'close');
    else {
      unanswered.add(res);
      res.on('close', () => unanswered.delete(res));
    }
    app(req, res);
  });
  if (acceptsUpgrades(app)) {
    server.on('upgrade', (req: http.IncomingMessage, socket, head: Buffer) => {
      if (draining) socket.destroy();
      else routeUpgrade(app, req, socket, head);
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = urlOf(server.address() as AddressInfo);
  logger.info(`listening on ${url}`, { url });

  const drain = async (): Promise<number> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await options.onShutdown();
    return 0;
  };

  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const removeSignalHandlers = (): void => {
    for (const signal of signals) process.off(signal, onSignal);
  };

  let shutdownPromise: Promise<number> | undefined;
  const shutdown = (reason = 'requested'): Promise<number> => {
    shutdownPromise ??= (async () => {
      draining = true;
      for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
      markShuttingDown(app);
      logger.info('shutting down', { reason });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<number>((resolve) => {
        timer = setTimeout(() => {
          logger.error('shutdown timed out; closing open connections', {
            timeout_ms: options.shutdownTimeoutMs,
          });
          server.closeAllConnections();
          resolve(1);
        }, options.shutdownTimeoutMs);
      });
      const drained = drain().catch((error: unknown) => {
        logger.error('shutdown failed', errorFields(error));
        return 1;
      });
      const code = await Promise.race([drained, timedOut]);
      clearTimeout(timer);
      removeSignalHandlers();
      logger.info('stopped', { exit_code: code });
      return code;
    })();
    return shutdownPromise;
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (shutdownPromise !== undefined) {
      logger.warn('second signal during shutdown; exiting now', { signal });
      exit(1);
      return;
    }
    void shutdown(signal).then(exit);
  };
  for (const signal of signals) process.on(signal, onSignal);

  return { server, url, shutdown };
}
