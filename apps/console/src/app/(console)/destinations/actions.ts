'use server';

import { revalidatePath } from 'next/cache';
import type { Destination, DestinationCreated } from '@stratum/schemas';
import { ApiError, callApi } from '../../../api/api-client';
import type { FieldIssue } from '../../../api/api-client';
import { requireApiKey } from '../../../session/session';
import { destinationBody, destinationPatch } from '../../../destinations/destination-form';

export type CreateDestinationState =
  | { status: 'idle' }
  | { status: 'created'; destinationId: string; name: string; secret: string }
  | { status: 'refused'; detail: string; errors: FieldIssue[] };

export type EditDestinationState =
  | { status: 'idle' }
  | { status: 'saved'; updatedAt: string }
  | { status: 'refused'; detail: string; errors: FieldIssue[] };

/**
 * Creates a destination from the form. The signing secret comes back once, in this answer
 * only (it is shown to the user, never stored by the console).
 */
export async function createDestination(
  _previous: CreateDestinationState,
  formData: FormData,
): Promise<CreateDestinationState> {
  const key = await requireApiKey();
  try {
    const created = await callApi<DestinationCreated>('admin', '/api/v1/cdp/destinations', key, {
      method: 'POST',
      body: destinationBody(formData),
    });
    revalidatePath('/destinations');
    return {
      status: 'created',
      destinationId: created.destination_id,
      name: created.name,
      secret: created.secret,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) {
      return { status: 'refused', detail: error.detail, errors: error.errors };
    }
    throw error;
  }
}

/** Saves a destination's settings from its edit form (`PATCH`, every field of the form). */
export async function updateDestination(
  destinationId: string,
  _previous: EditDestinationState,
  formData: FormData,
): Promise<EditDestinationState> {
  const key = await requireApiKey();
  try {
    const updated = await callApi<Destination>(
      'admin',
      `/api/v1/cdp/destinations/${encodeURIComponent(destinationId)}`,
      key,
      { method: 'PATCH', body: destinationPatch(formData) },
    );
    revalidatePath(`/destinations/${destinationId}`);
    revalidatePath('/destinations');
    return { status: 'saved', updatedAt: updated.updated_at };
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) {
      return { status: 'refused', detail: error.detail, errors: error.errors };
    }
    throw error;
  }
}

/** Queues a test delivery (`webhook.test`) and shows it in the log. */
export async function sendTest(formData: FormData): Promise<void> {
  const key = await requireApiKey();
  const id = formData.get('destination_id');
  if (typeof id !== 'string') return;
  await callApi('admin', `/api/v1/cdp/destinations/${encodeURIComponent(id)}/test`, key, {
    method: 'POST',
  });
  revalidatePath(`/destinations/${id}`);
}

/** Queues every dead delivery of the destination again. */
export async function replayDead(formData: FormData): Promise<void> {
  const key = await requireApiKey();
  const id = formData.get('destination_id');
  if (typeof id !== 'string') return;
  await callApi('admin', `/api/v1/cdp/destinations/${encodeURIComponent(id)}/replay-dead`, key, {
    method: 'POST',
  });
  revalidatePath(`/destinations/${id}`);
}
