import { getIronSession } from 'iron-session';
import type { SessionOptions } from 'iron-session';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { consoleConfig } from '../config';

/** What the sealed cookie holds: the tenant's key, only ever read on the server. */
export interface ConsoleSession {
  apiKey?: string;
  /** Epoch milliseconds after which the session is over. */
  expiresAt?: number;
}

export const SESSION_COOKIE = 'stratum_console';

function sessionOptions(): SessionOptions {
  const config = consoleConfig();
  return {
    cookieName: SESSION_COOKIE,
    password: config.CONSOLE_SESSION_SECRET,
    ttl: config.CONSOLE_SESSION_HOURS * 3600,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.CONSOLE_SECURE_COOKIE,
      path: '/',
    },
  };
}

export async function getSession() {
  return getIronSession<ConsoleSession>(await cookies(), sessionOptions());
}

/** Starts a session for a key the APIs accepted. */
export async function startSession(apiKey: string): Promise<void> {
  const session = await getSession();
  session.apiKey = apiKey;
  session.expiresAt = Date.now() + consoleConfig().CONSOLE_SESSION_HOURS * 3_600_000;
  await session.save();
}

export async function endSession(): Promise<void> {
  (await getSession()).destroy();
}

/** The signed-in key, or a redirect to the sign-in page (no session, or an expired one). */
export async function requireApiKey(): Promise<string> {
  const session = await getSession();
  if (session.apiKey === undefined || (session.expiresAt ?? 0) <= Date.now()) {
    redirect('/sign-in');
  }
  return session.apiKey;
}
