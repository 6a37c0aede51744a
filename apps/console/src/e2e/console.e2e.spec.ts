/**
 * @jest-environment node
 *
 * The console's production build in Chromium (playwright-core), against the real ingest,
 * admin and profile APIs on a test database: sign in, find a profile, see its identity graph
 * after a merge, sign out. Screenshots of each page at desktop and phone width go to
 * test-output/console/; every page is checked with axe-core (no serious or critical issue).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { findChromium } from '@stratum/http/testing/chromium';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { buildIfStale, startNextServer } from '@stratum/http/testing/next-server';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { NextServer } from '@stratum/http/testing/next-server';
import { startRunningApps } from './running-apps';
import type { RunningApps } from './running-apps';

jest.setTimeout(120_000);

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output/console');
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, locale: 'en-US' };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
};

let apps: RunningApps;
let consoleServer: NextServer;
let browser: Browser;
let survivor: string;
let mergeEventId: string;
/** The saved segment's edit page and the destination's page (log and settings), for the phone pass. */
let segmentEditPath: string;
let destinationPath: string;

async function sendEvent(
  eventId: string,
  identifiers: object[],
  traits?: Record<string, unknown>,
): Promise<string> {
  const response = await fetch(`${apps.ingestUrl}/api/v1/cdp/events`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${apps.tenant.writeKey.key}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ event_id: eventId, type: 'identify', identifiers, traits }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { results: { profile_id: string }[] };
  return body.results[0]!.profile_id;
}

beforeAll(async () => {
  const { executablePath } = await findChromium(process.env.CHROMIUM_PATH);
  buildIfStale('apps/console', ['libs/identity/src', 'libs/schemas/src']);
  mkdirSync(SCREENSHOTS, { recursive: true });
  apps = await startRunningApps();
  consoleServer = await startNextServer('apps/console', {
    ADMIN_API_URL: apps.adminUrl,
    PROFILE_API_URL: apps.profileUrl,
    CONSOLE_SESSION_SECRET: randomBytes(32).toString('hex'),
    CONSOLE_SECURE_COOKIE: 'false',
  });
  browser = await chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: process.getuid?.() !== 0,
    args: ['--disable-background-networking', '--no-first-run', '--disable-gpu'],
  });
  // A day of the source's hourly summaries (what the worker's source-hours task writes each
  // hour), the last hour silent and flagged, for the overview's chart.
  const { tenantId } = apps.tenant.tenant;
  const sourceId = apps.tenant.source.sourceId;
  const lastHour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
  await apps.testDb.db
    .insertInto('cdp_source_hours')
    .values(
      Array.from({ length: 24 }, (_, i) => ({
        tenant_id: tenantId,
        source_id: sourceId,
        hour: new Date(lastHour - (23 - i) * 3_600_000),
        accepted: i === 23 ? 0 : 40 + ((i * 7) % 13),
        rejected: i % 5,
        sampled: 40,
        email: 30,
      })),
    )
    .execute();
  await apps.testDb.db
    .insertInto('cdp_volume_anomalies')
    .values({
      tenant_id: tenantId,
      source_id: sourceId,
      hour: new Date(lastHour),
      kind: 'silence',
      severity: 'critical',
      count: 0,
      expected: 45,
      score: -6.1,
    })
    .execute();
  // Ann, then Bob on another device, then one event carrying both: Bob merges into Ann.
  const ann = { type: 'email', value: 'ann@example.com' };
  const device = { type: 'device_id', value: 'tablet-7' };
  survivor = await sendEvent('console-1', [ann], { plan: 'pro' });
  await sendEvent('console-2', [device]);
  mergeEventId = 'console-3';
  await sendEvent(mergeEventId, [ann, device]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.stop();
  await apps?.close();
});

async function newPage(options: BrowserContextOptions = DESKTOP): Promise<Page> {
  const context = await browser.newContext(options);
  return context.newPage();
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${consoleServer.url}/sign-in`);
  await page.getByLabel('Secret key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('networkidle');
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

/** Reloads the page until `done` holds (the worker's writes land a moment after). */
async function reloadUntil(page: Page, done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await page.reload();
  }
  throw new Error('the page never showed what was awaited');
}

async function capture(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the console', () => {
  it('sends a visitor without a session to sign in', async () => {
    const page = await newPage();
    await page.goto(`${consoleServer.url}/profiles`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'sign-in-desktop');
    await page.context().close();
  });

  it('signs in and moves between pages with the keyboard alone', async () => {
    const page = await newPage();
    await page.goto(`${consoleServer.url}/sign-in`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api_key');
    await page.keyboard.type(apps.tenant.secretKey.key);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${consoleServer.url}/`);
    // The navigation comes first: Tab reaches its links in order, Enter follows one.
    const reached: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.textContent ?? ''));
    }
    expect(reached).toEqual(['Overview', 'Live events', 'Profiles', 'Segments']);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/segments');
    await page.context().close();
  });

  it('refuses a key the APIs refuse, saying so', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.writeKey.key);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.locator('#sign-in-error').textContent()).resolves.toMatch(/refused/);
    await page.context().close();
  });

  it('signs in with a secret key kept in an httpOnly cookie, never in the page', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.secretKey.key);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Overview');
    await expect(
      page.getByRole('heading', { level: 2, name: apps.tenant.source.name }).count(),
    ).resolves.toBe(1);
    // The chart draws the day's 24 hours and marks the silent one.
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await expect(page.getByText(/^Flagged: silence at /).count()).resolves.toBe(1);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'stratum_console');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(session!.value).not.toContain(apps.tenant.secretKey.key);
    expect(await page.content()).not.toContain(apps.tenant.secretKey.key);
    expect(await page.evaluate(() => document.cookie)).not.toContain('stratum_console');
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'overview-desktop');
    await page.context().close();
  });

  it('finds a profile by email and draws its identity graph with the merge, the split, then a refused merge', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.secretKey.key);
    await page.getByRole('link', { name: 'Profiles' }).click();
    await page.getByLabel('Identifier type').selectOption('email');
    await page.getByLabel('Value').fill('  Ann@Example.com ');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await capture(page, 'profiles-desktop');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(`**/profiles/${survivor}`);
    const graph = page.getByTestId('identity-graph');
    await expect(graph.getByText(/^email · /).count()).resolves.toBe(1);
    await expect(graph.getByText(/^device_id · /).count()).resolves.toBe(1);
    await graph.getByText(/^Merged /).click();
    await expect(page.getByTestId('merge-detail').textContent()).resolves.toContain(mergeEventId);
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'profile-desktop');

    // Split the merge on the admin API: the graph then shows the pair kept apart.
    const auth = { Authorization: `Bearer ${apps.tenant.secretKey.key}` };
    const profile = (await (
      await fetch(`${apps.profileUrl}/api/v1/cdp/profiles/${survivor}`, { headers: auth })
    ).json()) as { merges: { merge_id: string }[] };
    const split = await fetch(`${apps.adminUrl}/api/v1/cdp/profiles/${survivor}/split`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ merge_id: profile.merges[0]!.merge_id }),
    });
    expect(split.status).toBe(200);
    await page.reload();
    await graph.getByText(/^Split from /).waitFor();
    await expect(graph.getByText(/^Merged /).count()).resolves.toBe(0);
    await expect(graph.getByText(/^device_id · /).count()).resolves.toBe(0);

    // An event carrying both again is refused the merge: a dashed edge names the other side.
    const refusedEventId = 'console-refused-1';
    const target = await sendEvent(refusedEventId, [
      { type: 'email', value: 'ann@example.com' },
      { type: 'device_id', value: 'tablet-7' },
    ]);
    expect(target).toBe(survivor);
    await page.reload();
    await graph.getByText(/^Refused /).click();
    await expect(page.getByTestId('refusal-detail').textContent()).resolves.toMatch(
      new RegExp(`kept apart by a split\\) once: first on .* by event ${refusedEventId}`),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'profile-split-desktop');
    await page.context().close();
  });

  it('says when no profile holds the identifier, and refuses a malformed one', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.secretKey.key);
    await page.goto(`${consoleServer.url}/profiles?type=email&value=nobody%40example.com`);
    await page.getByText('No profile holds this identifier.').waitFor();
    await page.goto(`${consoleServer.url}/profiles?type=phone&value=12`);
    await page.getByText(/^This phone /).waitFor();
    expect(await page.content()).not.toContain('value=12"');
    await page.context().close();
  });

  it('builds a segment with a live count, shows what the API refuses, saves it, the profile enters it, and edits it into version 2', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.secretKey.key);
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByText('No segments yet: build the first one.').waitFor();
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.waitForURL('**/segments/new');
    // The starting definition is plan = pro, which Ann's profile has.
    await expect(page.getByTestId('live-count').textContent()).resolves.toBe('1');

    await page.getByLabel('Trait', { exact: true }).fill('');
    await expect(
      page.getByRole('alert').filter({ hasText: 'definition' }).textContent(),
    ).resolves.toMatch(/definition\.all\.0\.trait/);
    await page.getByLabel('Trait', { exact: true }).fill('plan');
    await page.getByRole('button', { name: 'Add group' }).click();
    await expect(page.getByTestId('live-count').textContent()).resolves.toBe('1');
    expect(JSON.parse((await page.getByTestId('definition-json').textContent()) ?? '')).toEqual({
      all: [{ trait: 'plan', op: 'eq', value: 'pro' }, { any: [{ identifier: 'email' }] }],
    });
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'segment-builder-desktop');

    await page.getByLabel('Name').fill('Pro customers with an email');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL(/\/segments$/);
    await page.getByText('Pro customers with an email').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'segments-desktop');

    // The worker evaluates the new segment: Ann's profile enters it.
    const segmentId = await page.locator('li code').first().textContent();
    await page.goto(`${consoleServer.url}/profiles/${survivor}`);
    const segments = page.getByRole('region', { name: 'Segments' });
    await reloadUntil(page, async () =>
      ((await segments.textContent()) ?? '').includes(segmentId!),
    );

    // Editing starts from the saved segment and saves its next version.
    await page.goto(`${consoleServer.url}/segments`);
    await page.getByRole('link', { name: 'Edit Pro customers with an email' }).click();
    await page.waitForURL(`**/segments/${segmentId}`);
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('Pro customers with an email');
    // As stored: the API states the grammar's version.
    expect(JSON.parse((await page.getByTestId('definition-json').textContent()) ?? '')).toEqual({
      schema: 1,
      all: [{ trait: 'plan', op: 'eq', value: 'pro' }, { any: [{ identifier: 'email' }] }],
    });
    await expect(page.getByTestId('live-count').textContent()).resolves.toBe('1');
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'segment-edit-desktop');
    segmentEditPath = `/segments/${segmentId}`;
    await page.getByLabel('Name').fill('Pro customers, email known');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.waitForURL(/\/segments$/);
    await expect(
      page.getByRole('listitem').filter({ hasText: 'Pro customers, email known' }).textContent(),
    ).resolves.toContain('version 2');
    await page.context().close();
  });

  it('creates a destination to a receiver, shows its secret once, logs a delivered test, and edits it', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.secretKey.key);
    await page.getByRole('link', { name: 'Destinations' }).click();
    await page.getByText('No destinations yet.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('CRM sync');
    await page.getByLabel('Webhook URL').fill(`${apps.receiver.url}/hooks`);
    await page.getByRole('button', { name: 'Create destination' }).click();
    await expect(page.getByTestId('destination-secret').textContent()).resolves.toMatch(/^whsec_/);
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'destinations-desktop');

    await page.getByRole('link', { name: 'Open its delivery log' }).click();
    await page.getByText('Nothing sent yet.').waitFor();
    destinationPath = new URL(page.url()).pathname;
    const before = apps.receiver.received.length;
    await page.getByRole('button', { name: 'Send a test event' }).click();
    const [received] = (await apps.receiver.waitFor(before + 1, 30_000)).slice(before);
    expect(received).toMatchObject({ method: 'POST', path: '/hooks' });
    expect(received!.headers['webhook-signature']).toMatch(/^v1,/);
    // The worker records the attempt right after the receiver answers.
    await reloadUntil(
      page,
      async () => (await page.getByRole('cell', { name: 'delivered' }).count()) === 1,
    );
    await expect(page.getByRole('cell', { name: 'destination.test' }).count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Its settings, filled in, are saved back with the change.
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('CRM sync');
    await page.getByLabel('Name', { exact: true }).fill('CRM sync (EU)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved at /).waitFor();
    await page.getByRole('heading', { name: 'CRM sync (EU)' }).waitFor();
    await capture(page, 'destination-log-desktop');
    await page.context().close();
  });

  it('shows events live as they are stored, and rejected events with their reasons', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.secretKey.key);
    await page.getByRole('link', { name: 'Live events' }).click();
    await page.getByText('Live: new messages appear at the top.').waitFor();
    await sendEvent('console-live-1', [{ type: 'email', value: 'live@example.com' }]);
    await page
      .getByTestId('live-list')
      .getByText(/console-live-1/)
      .waitFor({ timeout: 20_000 });

    const rejected = await fetch(`${apps.ingestUrl}/api/v1/cdp/events`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${apps.tenant.writeKey.key}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ event_id: 'console-bad-1', identifiers: [] }),
    });
    expect(rejected.status).toBe(400);
    await page.reload();
    await page.getByText(/console-bad-1/).waitFor();
    await page.getByText('Live: new messages appear at the top.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'events-desktop');
    await page.context().close();
  });

  it('creates a source whose write key works, shown once, and rotates it', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.secretKey.key);
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Mobile App');
    await page.getByLabel(/^Default country/).fill('de');
    await page.getByRole('button', { name: 'Create source' }).click();
    const writeKey = (await page.getByTestId('write-key').textContent()) ?? '';
    expect(writeKey).toMatch(/^cdp_wk_/);
    const send = (key: string) =>
      fetch(`${apps.ingestUrl}/api/v1/cdp/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          event_id: `console-src-${key.slice(-6)}`,
          type: 'track',
          name: 'App Opened',
          identifiers: [{ type: 'phone', value: '030 1234567' }],
        }),
      });
    expect((await send(writeKey)).status).toBe(200);
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'sources-desktop');

    await page.reload();
    await page.getByRole('button', { name: 'Rotate the write key of Mobile App' }).click();
    const rotated = page.getByTestId('write-key');
    await rotated.waitFor();
    const newKey = (await rotated.textContent()) ?? '';
    expect(newKey).toMatch(/^cdp_wk_/);
    expect(newKey).not.toBe(writeKey);
    expect((await send(newKey)).status).toBe(200);
    await page.context().close();
  });

  it('fits a phone screen on every page', async () => {
    const page = await newPage(PHONE);
    await signIn(page, apps.tenant.secretKey.key);
    for (const [name, url] of [
      ['overview', '/'],
      ['profiles', '/profiles'],
      ['profile', `/profiles/${survivor}`],
      ['segment-builder', '/segments/new'],
      ['segment-edit', segmentEditPath],
      ['destinations', '/destinations'],
      ['destination', destinationPath],
      ['privacy', '/privacy'],
      ['events', '/events'],
      ['sources', '/sources'],
    ] as const) {
      await page.goto(`${consoleServer.url}${url}`);
      await page.waitForLoadState('networkidle');
      const [scroll, client] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      expect({ name, overflow: scroll - client }).toEqual({ name, overflow: 0 });
      await capture(page, `${name}-phone`);
    }
    await page.context().close();
  });

  it('erases the profile through a privacy request the worker runs', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.secretKey.key);
    await page.getByRole('link', { name: 'Privacy' }).click();
    await page.getByLabel('Request', { exact: true }).selectOption('erase');
    await page.getByLabel('Identifier type').selectOption('email');
    await page.getByLabel(/^Value/).fill('ann@example.com');
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'privacy-desktop');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/privacy\/[0-9a-f-]{36}$/);
    const status = page.getByTestId('privacy-status');
    await reloadUntil(page, async () => (await status.textContent()) === 'done');
    await expect(page.getByText(/Erased 1 profile /).count()).resolves.toBe(1);
    expect(await page.content()).not.toContain('ann@example.com');
    await capture(page, 'privacy-request-desktop');

    await page.goto(`${consoleServer.url}/profiles?type=email&value=ann%40example.com`);
    await page.getByText('No profile holds this identifier.').waitFor();
    await page.context().close();
  });

  it('signs out: the session is gone and the pages send to sign in again', async () => {
    const page = await newPage();
    await signIn(page, apps.tenant.secretKey.key);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto(`${consoleServer.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.context().close();
  });
});
