import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

/** A request the ingest API saw from the browser, preflights included. */
interface SeenRequest {
  method: string;
  path: string;
  origin: string | undefined;
  contentType: string | undefined;
  authorization: 'basic' | 'other' | 'none';
  status: number;
  allowOrigin: string | undefined;
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port)),
  );
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * `@segment/analytics-next` as a page would load it from npm: bundled for the browser by
 * esbuild, exposing `AnalyticsBrowser` on `window`.
 */
async function bundleAnalyticsNext(): Promise<string> {
  const result = await build({
    stdin: {
      contents:
        "import { AnalyticsBrowser } from '@segment/analytics-next';\n" +
        'window.AnalyticsBrowser = AnalyticsBrowser;\n',
      resolveDir: __dirname,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** The page on one origin and the ingest app on another, both on real sockets. */
export interface CrossOriginSetup {
  /** The page, `http://127.0.0.1:<port>/`. */
  pageUrl: string;
  /** The ingest API's host as analytics.js wants it: `localhost:<port>` (no scheme). */
  ingestHost: string;
  seen: SeenRequest[];
  close: () => Promise<void>;
}

function authorizationKind(req: IncomingMessage): SeenRequest['authorization'] {
  const value = req.headers.authorization;
  if (value === undefined) return 'none';
  return value.startsWith('Basic ') ? 'basic' : 'other';
}

/**
 * Serves a blank page and the analytics.js bundle on 127.0.0.1, and `app` on localhost:
 * two origins, so every call from the page to the API is a real cross-origin request.
 */
export async function startCrossOriginSetup(
  app: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<CrossOriginSetup> {
  const script = await bundleAnalyticsNext();
  const page = createServer((req, res) => {
    if (req.url === '/analytics.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(script);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>shop</title><script src="/analytics.js"></script>');
  });
  const seen: SeenRequest[] = [];
  const ingest = createServer((req, res) => {
    res.on('finish', () => {
      const allowOrigin = res.getHeader('access-control-allow-origin');
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        origin: req.headers.origin,
        contentType: req.headers['content-type'],
        authorization: authorizationKind(req),
        status: res.statusCode,
        allowOrigin: typeof allowOrigin === 'string' ? allowOrigin : undefined,
      });
    });
    app(req, res);
  });
  const pagePort = await listen(page, '127.0.0.1');
  // Chromium is told to resolve localhost to 127.0.0.1 (see CHROMIUM_ARGS in the test).
  const ingestPort = await listen(ingest, '127.0.0.1');
  return {
    pageUrl: `http://127.0.0.1:${pagePort}/`,
    ingestHost: `localhost:${ingestPort}`,
    seen,
    close: async () => {
      await closeServer(page);
      await closeServer(ingest);
    },
  };
}
