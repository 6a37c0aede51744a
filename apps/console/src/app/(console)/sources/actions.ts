'use server';

import { revalidatePath } from 'next/cache';
import type { RotateKeyResponse, SourceCreated } from '@stratum/schemas';
import { ApiError, callApi } from '../../../api/api-client';
import type { FieldIssue } from '../../../api/api-client';
import { requireApiKey } from '../../../session/session';
import { formText as field } from '../../../api/form-text';

export type SourceKeyState =
  | { status: 'idle' }
  | { status: 'key'; sourceName: string; writeKey: string }
  | { status: 'refused'; detail: string; errors: FieldIssue[] };

function refused(error: unknown): SourceKeyState {
  if (error instanceof ApiError && error.status < 500) {
    return { status: 'refused', detail: error.detail, errors: error.errors };
  }
  throw error;
}

/** Creates a source; its write key comes back once, in this answer only. */
export async function createSource(
  _previous: SourceKeyState,
  form: FormData,
): Promise<SourceKeyState> {
  const key = await requireApiKey();
  const country = field(form, 'default_country');
  try {
    const created = await callApi<SourceCreated>('admin', '/api/v1/cdp/sources', key, {
      method: 'POST',
      body: {
        name: field(form, 'name'),
        ...(country === '' ? {} : { default_country: country.toUpperCase() }),
      },
    });
    revalidatePath('/sources');
    return { status: 'key', sourceName: created.name, writeKey: created.write_key };
  } catch (error) {
    return refused(error);
  }
}

/** Revokes a source's write keys and makes a new one, shown once. */
export async function rotateKey(
  _previous: SourceKeyState,
  form: FormData,
): Promise<SourceKeyState> {
  const key = await requireApiKey();
  const id = field(form, 'source_id');
  try {
    const rotated = await callApi<RotateKeyResponse>(
      'admin',
      `/api/v1/cdp/sources/${encodeURIComponent(id)}/rotate-key`,
      key,
      { method: 'POST' },
    );
    return { status: 'key', sourceName: field(form, 'source_name'), writeKey: rotated.write_key };
  } catch (error) {
    return refused(error);
  }
}
