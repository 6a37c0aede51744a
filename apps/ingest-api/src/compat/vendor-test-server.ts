import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Hex } from '@stratum/identity';
import type { IngestTestApp } from '../testing/ingest-test-app';

/** What one request through the proxy looked like, and what the client was answered. */
interface Exchange {
  path: string;
  headers: IncomingHttpHeaders;
  appStatus: number;
  clientStatus: number;
  appBody: unknown;
}

/** The ingest app on a real socket, behind a real proxy that can lose its first answers. */
export interface VendorTestServer {
  url: string;
  exchanges: Exchange[];
  /** The next `count` requests reach the app, but their client is answered 503. */
  loseAnswers: (count: number) => void;
  close: () => Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Starts the app and a proxy in front of it. A lost answer is the hard case of retries:
 * the app stored the events, the client saw a 503 (Retry-After: 1) and sends them again.
 */
export async function startVendorTestServer(t: IngestTestApp): Promise<VendorTestServer> {
  const appServer = createServer(t.app);
  const appUrl = await listen(appServer);
  const exchanges: Exchange[] = [];
  let toLose = 0;
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection'].includes(name)) {
          headers.set(name, value);
        }
      }
      void fetch(appUrl + (req.url ?? '/'), {
        method: req.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      }).then(async (answer) => {
        const text = await answer.text();
        const lose = toLose > 0;
        if (lose) toLose -= 1;
        exchanges.push({
          path: req.url ?? '',
          headers: req.headers,
          appStatus: answer.status,
          clientStatus: lose ? 503 : answer.status,
          appBody: text === '' ? null : (JSON.parse(text) as unknown),
        });
        if (lose) {
          res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '1' });
          res.end('{"status":503}');
          return;
        }
        res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? '' });
        res.end(text);
      });
    });
  });
  const url = await listen(proxy);
  return {
    url,
    exchanges,
    loseAnswers: (count) => {
      toLose = count;
    },
    close: async () => {
      await close(proxy);
      await close(appServer);
    },
  };
}

/** The profile an identifier (normalized value) is linked to, if any, once the inbox is resolved. */
export async function profileIdOf(
  t: IngestTestApp,
  type: string,
  normalized: string,
): Promise<string | undefined> {
  await t.settle();
  const row = await t.testDb.db
    .selectFrom('cdp_profile_identifiers')
    .select('profile_id')
    .where('tenant_id', '=', t.tenant.tenant.tenantId)
    .where('identifier_type', '=', type as 'email')
    .where('identifier_hash', '=', sha256Hex(normalized))
    .executeTakeFirst();
  return row?.profile_id;
}

/** A stored profile's traits and its events' ids, as stored. */
export async function storedProfile(t: IngestTestApp, profileId: string) {
  await t.settle();
  const profile = await t.testDb.db
    .selectFrom('cdp_profiles')
    .select(['traits', 'event_count'])
    .where('tenant_id', '=', t.tenant.tenant.tenantId)
    .where('profile_id', '=', profileId)
    .executeTakeFirstOrThrow();
  const events = await t.testDb.db
    .selectFrom('cdp_events')
    .select(['event_id', 'type', 'name'])
    .where('tenant_id', '=', t.tenant.tenant.tenantId)
    .where('profile_id', '=', profileId)
    .execute();
  return { traits: profile.traits, eventCount: profile.event_count, events };
}
