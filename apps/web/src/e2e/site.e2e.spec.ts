/**
 * @jest-environment node
 *
 * The production build in a real browser: Chromium (see findChromium) driven by playwright-core.
 * Builds apps/web when the build is missing or older than its sources, serves it with
 * `next start` on a free port, and saves full-page screenshots under test-output/web/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
// A node-side test helper shared with the ingest API's browser test, never in the site.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { findChromium } from '@stratum/http/testing/chromium';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { buildIfStale, startNextServer } from '@stratum/http/testing/next-server';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { NextServer } from '@stratum/http/testing/next-server';

jest.setTimeout(120_000);

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output/web');

const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
};
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, locale: 'en-US' };

// A tall viewport instead of `fullPage`, so sticky bars sit where they belong in the picture.
async function saveFullPage(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  if (viewport) await page.setViewportSize(viewport);
}

let server: NextServer | undefined;
let browser: Browser | undefined;
let baseUrl = '';

beforeAll(async () => {
  const { executablePath } = await findChromium(process.env.CHROMIUM_PATH);
  buildIfStale('apps/web', ['libs/roi/src', 'libs/schemas/src']);
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startNextServer('apps/web');
  baseUrl = server.url;

  // Playwright gives every launch a fresh temporary profile (--user-data-dir).
  browser = await chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: process.getuid?.() !== 0,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-quic',
    ],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// Uncaught errors in the page go to `pageErrors`, from before the first script runs.
async function open(
  options: BrowserContextOptions,
  url: string,
  pageErrors: Error[] = [],
): Promise<Page> {
  if (!browser) throw new Error('the browser did not start');
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(`${baseUrl}${url}`, { waitUntil: 'networkidle' });
  return page;
}

const netFigure = (page: Page) => page.getByTestId('first-year-net').first();

describe('the landing page', () => {
  it('explains the product and runs the calculator on a desktop', async () => {
    const page = await open(DESKTOP, '/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Every customer, one trusted profile.',
    );
    await expect(netFigure(page).textContent()).resolves.toBe('$106,500');
    await saveFullPage(page, 'landing-desktop');

    await page.getByRole('textbox', { name: /monthly sessions/i }).fill('500000');
    await expect(netFigure(page).textContent()).resolves.toBe('$234,000');
    expect(new URL(page.url()).searchParams.get('sessions')).toBe('500000');
    await page.context().close();
  });

  it('leads from the measured throughput to how it was measured', async () => {
    const page = await open(DESKTOP, '/');
    await page.getByRole('link', { name: 'How it was measured' }).click();
    const note = page.locator('#measured-throughput');
    await expect(note.textContent()).resolves.toMatch(/Measured with npm run bench on 2 vCPUs/);
    // Below the sticky header, not behind it.
    const [noteTop, headerBottom] = await Promise.all([
      note.evaluate((element) => element.getBoundingClientRect().top),
      page
        .locator('header')
        .first()
        .evaluate((element) => element.getBoundingClientRect().bottom),
    ]);
    expect(noteTop).toBeGreaterThanOrEqual(headerBottom);
    await page.context().close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await open(PHONE, '/');
    const widths = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    await saveFullPage(page, 'landing-phone');
    await page.context().close();
  });

  it('puts the skip link first for keyboard users, with a visible focus ring', async () => {
    const page = await open(DESKTOP, '/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      return { text: element.textContent, outline: getComputedStyle(element).outlineStyle };
    });
    expect(focused).toEqual({ text: 'Skip to content', outline: 'solid' });
    await page.context().close();
  });
});

describe('/cdp-roi', () => {
  it('updates as the visitor types, shows an error state, and keeps inputs in the URL', async () => {
    const page = await open(DESKTOP, '/cdp-roi');
    await saveFullPage(page, 'cdp-roi-desktop');

    const aov = page.getByRole('textbox', { name: /average order value/i });
    await aov.fill('170');
    // Double the order value, double the baseline: 21,250 + 6,000 − 4,000 a month.
    await expect(netFigure(page).textContent()).resolves.toBe('$234,000');

    await aov.fill('abc');
    await expect(aov.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(
      page.getByText('Average order value must be a number, such as 85.').first().isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText('Fix one field to see your estimate').isVisible()).resolves.toBe(
      true,
    );
    await expect(page.getByTestId('first-year-net').count()).resolves.toBe(0);
    await saveFullPage(page, 'cdp-roi-error-desktop');

    await aov.fill('170');
    await page.getByLabel('Currency').selectOption('EUR');
    await page.reload({ waitUntil: 'networkidle' });
    await expect(aov.inputValue()).resolves.toBe('170');
    await expect(page.getByLabel('Currency').inputValue()).resolves.toBe('EUR');
    await expect(netFigure(page).textContent()).resolves.toBe('€234,000');

    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(aov.inputValue()).resolves.toBe('85');
    expect(new URL(page.url()).search).toBe('');
    await page.context().close();
  });

  it('fits a phone screen and formats by the browser locale', async () => {
    const page = await open({ ...PHONE, locale: 'de-DE' }, '/cdp-roi?currency=EUR');
    await expect(netFigure(page).textContent()).resolves.toMatch(/^106\.500\s€$/);
    await page.getByRole('textbox', { name: /conversion rate/i }).fill('5');
    await expect(netFigure(page).textContent()).resolves.toMatch(/^234\.000\s€$/);
    await page.getByRole('textbox', { name: /conversion rate/i }).fill('2.5');
    const widths = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    await saveFullPage(page, 'cdp-roi-phone');
    await page.context().close();
  });
});

describe('a browser whose language is a POSIX locale name', () => {
  it('runs the calculator without a page error', async () => {
    const pageErrors: Error[] = [];
    // Chromium passes the name through: navigator.language is "en-US@posix", which Intl rejects.
    const page = await open({ ...DESKTOP, locale: 'en-US@posix' }, '/cdp-roi', pageErrors);
    await expect(page.evaluate(() => navigator.language)).resolves.toBe('en-US@posix');
    expect(pageErrors.map((error) => error.message)).toEqual([]);
    await expect(netFigure(page).textContent()).resolves.toBe('$106,500');

    await page.getByRole('textbox', { name: /average order value/i }).fill('170');
    await expect(netFigure(page).textContent()).resolves.toBe('$234,000');
    expect(pageErrors.map((error) => error.message)).toEqual([]);
    await page.context().close();
  });
});
