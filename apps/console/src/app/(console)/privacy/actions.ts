'use server';

import { redirect } from 'next/navigation';
import type { PrivacyRequestAccepted } from '@stratum/schemas';
import { ApiError, callApi } from '../../../api/api-client';
import { requireApiKey } from '../../../session/session';
import { formText } from '../../../api/form-text';

/**
 * Submits a privacy request for one identifier, given in clear: the admin API normalizes and
 * hashes it and keeps the hash only. A refusal comes back as the page's `error`, which never
 * repeats the value.
 */
export async function submitPrivacyRequest(formData: FormData): Promise<void> {
  const key = await requireApiKey();
  const field = (name: string) => formText(formData, name);
  let request: PrivacyRequestAccepted;
  try {
    request = await callApi<PrivacyRequestAccepted>('admin', '/api/v1/cdp/privacy-requests', key, {
      method: 'POST',
      body: {
        type: field('type'),
        identifiers: [{ type: field('identifier_type'), value: field('value') }],
      },
    });
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) {
      const reason = error.errors.map((e) => `${e.path} ${e.message}`).join('; ') || error.detail;
      redirect(`/privacy?error=${encodeURIComponent(reason)}`);
    }
    throw error;
  }
  redirect(`/privacy/${request.request_id}`);
}
