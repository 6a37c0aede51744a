import { consoleConfig } from './config';

const SECRET = 's'.repeat(32);

describe('consoleConfig', () => {
  it('defaults the API addresses and an 8-hour session', () => {
    expect(consoleConfig({ CONSOLE_SESSION_SECRET: SECRET, NODE_ENV: 'production' })).toEqual({
      ADMIN_API_URL: 'http://127.0.0.1:3004',
      PROFILE_API_URL: 'http://127.0.0.1:3002',
      CONSOLE_SESSION_SECRET: SECRET,
      CONSOLE_SESSION_HOURS: 8,
      CONSOLE_SECURE_COOKIE: true,
    });
  });

  it('refuses a short secret, naming the variable and not its value', () => {
    expect(() => consoleConfig({ CONSOLE_SESSION_SECRET: 'short-secret' })).toThrow(
      'Invalid console configuration: CONSOLE_SESSION_SECRET: must be at least 32 characters',
    );
    expect(() => consoleConfig({ CONSOLE_SESSION_SECRET: 'short-secret' })).not.toThrow(
      /short-secret/,
    );
  });

  it('reads the cookie flag and the session length', () => {
    const config = consoleConfig({
      CONSOLE_SESSION_SECRET: SECRET,
      CONSOLE_SECURE_COOKIE: 'false',
      CONSOLE_SESSION_HOURS: '2',
    });
    expect(config).toMatchObject({ CONSOLE_SECURE_COOKIE: false, CONSOLE_SESSION_HOURS: 2 });
  });
});
