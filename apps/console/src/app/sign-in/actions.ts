'use server';

import { redirect } from 'next/navigation';
import { ApiError, callApi } from '../../api/api-client';
import { endSession, startSession } from '../../session/session';
import { formText } from '../../api/form-text';

/**
 * Exchanges a secret key for a session: the key is tried against the admin API (listing the
 * tenant's sources) and, when accepted, sealed into an httpOnly cookie. Server actions only
 * answer POSTs from this origin, which keeps the form CSRF-safe.
 */
export async function signIn(formData: FormData): Promise<void> {
  const key = formText(formData, 'api_key');
  if (key === '') redirect('/sign-in?error=missing');
  try {
    await callApi('admin', '/api/v1/cdp/sources', key);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      redirect('/sign-in?error=refused');
    }
    redirect('/sign-in?error=unavailable');
  }
  await startSession(key);
  redirect('/');
}

export async function signOut(): Promise<void> {
  await endSession();
  redirect('/sign-in');
}
