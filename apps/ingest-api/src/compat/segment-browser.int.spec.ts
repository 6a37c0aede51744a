/**
 * @jest-environment node
 *
 * The Segment browser library, `@segment/analytics-next`, unmodified, on a page in Chromium
 * (playwright-core) sending to the ingest API on another origin: real CORS, as a shop's
 * site would do it.
 */
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { AnalyticsBrowser } from '@segment/analytics-next';
import { createTestSource } from '@stratum/db/testing';
import { findChromium } from '@stratum/http/testing/chromium';
import { createIngestTestApp } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';
import { startCrossOriginSetup } from './segment-browser-page';
import type { CrossOriginSetup } from './segment-browser-page';
import { profileIdOf, storedProfile } from './vendor-test-server';

jest.setTimeout(120_000);

const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  // The API's origin is http://localhost:<port>; its server listens on 127.0.0.1 only.
  '--host-resolver-rules=MAP localhost 127.0.0.1',
];

let t: IngestTestApp;
let setup: CrossOriginSetup;
let browser: Browser;
beforeAll(async () => {
  t = await createIngestTestApp({ vendorRoutesAsync: true });
  setup = await startCrossOriginSetup(t.app);
  const { executablePath } = await findChromium(process.env.CHROMIUM_PATH);
  browser = await chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: process.getuid?.() !== 0,
    args: CHROMIUM_ARGS,
  });
});
afterAll(async () => {
  await browser?.close();
  await setup?.close();
  await t?.close();
});

/** What the page reported: console errors and failed requests. */
interface PageTrouble {
  consoleErrors: string[];
  failed: string[];
}

async function openShopPage(): Promise<{ page: Page; trouble: PageTrouble }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const trouble: PageTrouble = { consoleErrors: [], failed: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.consoleErrors.push(message.text());
  });
  page.on('requestfailed', (request) => {
    trouble.failed.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await page.goto(setup.pageUrl);
  return { page, trouble };
}

interface Person {
  userId: string;
  previousId: string;
  email: string;
}

/**
 * identify (with an email trait) + track + alias through analytics.js, with its settings
 * given inline so it never asks Segment's CDN, and its API host switched to ours.
 */
async function sendFromPage(page: Page, writeKey: string, person: Person): Promise<string> {
  return page.evaluate(
    async ({ writeKey, apiHost, person }) => {
      // The bundle the page loaded put the library on `window` (segment-browser-page.ts).
      const library = (globalThis as unknown as { AnalyticsBrowser: typeof AnalyticsBrowser })
        .AnalyticsBrowser;
      const analytics = library.load({
        writeKey,
        cdnSettings: {
          integrations: { 'Segment.io': { apiKey: writeKey, apiHost, protocol: 'http' } },
        },
      });
      await analytics.identify(person.userId, { email: person.email, plan: 'pro' });
      await analytics.track('Order Completed', { revenue: 9.5 });
      await analytics.alias(person.userId, person.previousId);
      const [loaded] = await analytics;
      return loaded.user().anonymousId() ?? '';
    },
    { writeKey, apiHost: `${setup.ingestHost}/v1`, person },
  );
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function person(tag: string): Person {
  return {
    userId: `crm-${tag}`,
    previousId: `old-anon-${tag}`,
    email: `jane.${tag}@example.com`,
  };
}

// Sources are made through the admin API in production; here straight in the database.
async function sourceKey(name: string, allowedOrigins: string[] | null): Promise<string> {
  const created = await createTestSource(t.testDb.db, t.tenant.tenant.tenantId, {
    name,
    allowedOrigins,
  });
  return created.writeKey.key;
}

describe('@segment/analytics-next in Chromium, on another origin', () => {
  it('sends identify, track and alias cross-origin into one profile, each stored once', async () => {
    const pageOrigin = new URL(setup.pageUrl).origin;
    const key = await sourceKey('Shop site', [pageOrigin]);
    const p = person('browser');
    setup.seen.length = 0;
    const { page, trouble } = await openShopPage();
    const anonymousId = await sendFromPage(page, key, p);

    const posts = () => setup.seen.filter((s) => s.method === 'POST');
    await waitFor(() => posts().length >= 3, 'three POSTs');
    const ids = await Promise.all([
      profileIdOf(t, 'external_id', p.userId),
      profileIdOf(t, 'anonymous_id', anonymousId),
      profileIdOf(t, 'anonymous_id', p.previousId),
      profileIdOf(t, 'email', p.email),
    ]);
    expect(anonymousId).not.toBe('');
    expect(ids[0]).toBeDefined();
    expect(new Set(ids)).toEqual(new Set([ids[0]]));
    const stored = await storedProfile(t, ids[0]!);
    expect(stored.traits).toEqual({ plan: 'pro' });
    expect(stored.events.map((e) => e.type).sort()).toEqual(['alias', 'identify', 'track']);
    expect(stored.eventCount).toBe(3);

    // What analytics.js sent: text/plain with the key as Basic auth, which needs a preflight.
    expect(
      posts()
        .map((s) => s.path)
        .sort(),
    ).toEqual(['/v1/a', '/v1/i', '/v1/t']);
    for (const post of posts()) {
      expect(post).toMatchObject({
        origin: pageOrigin,
        contentType: 'text/plain',
        authorization: 'basic',
        status: 202,
        allowOrigin: pageOrigin,
      });
    }
    const preflights = setup.seen.filter((s) => s.method === 'OPTIONS');
    expect(preflights.length).toBeGreaterThanOrEqual(1);
    expect(preflights.every((s) => s.status === 204 && s.allowOrigin === pageOrigin)).toBe(true);
    expect(trouble).toEqual({ consoleErrors: [], failed: [] });
    await page.context().close();
  });

  it('stores nothing when the source does not allow the page, and the browser sees it fail', async () => {
    const key = await sourceKey('Other shop', ['https://shop.example.com']);
    const p = person('refused');
    setup.seen.length = 0;
    const { page, trouble } = await openShopPage();
    await sendFromPage(page, key, p);

    const refused = () => setup.seen.filter((s) => s.method === 'POST' && s.status === 403);
    await waitFor(() => refused().length >= 3, 'three refused POSTs');
    await waitFor(() => trouble.failed.length >= 3, 'three failures seen by the page');
    expect(refused().every((s) => s.allowOrigin === undefined)).toBe(true);
    expect(setup.seen.filter((s) => s.method === 'POST' && s.status !== 403)).toEqual([]);
    expect(await profileIdOf(t, 'external_id', p.userId)).toBeUndefined();
    expect(await profileIdOf(t, 'email', p.email)).toBeUndefined();
    expect(trouble.consoleErrors.some((text) => /CORS/.test(text))).toBe(true);
    await page.context().close();
  });
});
