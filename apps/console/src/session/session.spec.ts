/** @jest-environment node */
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { requireApiKey, SESSION_COOKIE, startSession } from './session';

// The one thing Next provides at request time: the cookie jar, here a plain map.
const jar = new Map<string, string>();
jest.mock('next/headers', () => ({
  cookies: () =>
    Promise.resolve({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      set: (name: string, value: string) => void jar.set(name, value),
    }),
}));

const SIGNED_IN_AT = Date.parse('2026-03-02T09:00:00Z');
const HOUR = 3_600_000;

/** Where requireApiKey sent the browser, or the key it returned. */
async function outcome(): Promise<string> {
  try {
    return await requireApiKey();
  } catch (error) {
    if (isRedirectError(error)) return `redirect ${error.digest.split(';')[2]}`;
    throw error;
  }
}

describe('requireApiKey', () => {
  beforeEach(async () => {
    process.env.CONSOLE_SESSION_SECRET = 'a-test-secret-of-at-least-32-characters';
    process.env.CONSOLE_SESSION_HOURS = '2';
    jar.clear();
    jest.useFakeTimers({ now: SIGNED_IN_AT });
    await startSession('sk_test_key');
  });

  afterEach(() => {
    jest.useRealTimers();
    delete process.env.CONSOLE_SESSION_SECRET;
    delete process.env.CONSOLE_SESSION_HOURS;
  });

  it('gives the key back while the session lasts', async () => {
    expect(jar.get(SESSION_COOKIE)).not.toContain('sk_test_key');
    jest.setSystemTime(SIGNED_IN_AT + 2 * HOUR - 1);
    await expect(outcome()).resolves.toBe('sk_test_key');
  });

  // The sealed cookie itself stays readable a minute past its ttl (iron's clock skew), so
  // only the session's own expiry refuses it at the hour.
  it('sends an expired session to sign-in from the first millisecond past its end', async () => {
    jest.setSystemTime(SIGNED_IN_AT + 2 * HOUR);
    await expect(outcome()).resolves.toBe('redirect /sign-in');
  });

  it('sends an expired session to sign-in long after its end', async () => {
    jest.setSystemTime(SIGNED_IN_AT + 30 * HOUR);
    await expect(outcome()).resolves.toBe('redirect /sign-in');
  });

  it('sends a browser without a session to sign-in', async () => {
    jar.clear();
    await expect(outcome()).resolves.toBe('redirect /sign-in');
  });
});
