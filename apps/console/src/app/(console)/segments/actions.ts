'use server';

import { redirect } from 'next/navigation';
import type { SegmentPreviewResult } from '@stratum/schemas';
import { ApiError, callApi } from '../../../api/api-client';
import type { FieldIssue } from '../../../api/api-client';
import { requireApiKey } from '../../../session/session';

export type PreviewAnswer =
  | { ok: true; count: number; sample: string[] }
  | { ok: false; detail: string; errors: FieldIssue[] };

function refusal(error: unknown): PreviewAnswer {
  if (error instanceof ApiError && error.status < 500) {
    return { ok: false, detail: error.detail, errors: error.errors };
  }
  throw error;
}

/** The live count of the builder: the admin API's preview, which validates as it saves. */
export async function previewDefinition(definition: unknown): Promise<PreviewAnswer> {
  const key = await requireApiKey();
  try {
    const { count, sample } = await callApi<SegmentPreviewResult>(
      'admin',
      '/api/v1/cdp/segments/preview',
      key,
      { method: 'POST', body: { definition } },
    );
    return { ok: true, count, sample };
  } catch (error) {
    return refusal(error);
  }
}

/** Saves a new segment and goes to the list; a refused one comes back with its errors. */
export async function createSegment(name: string, definition: unknown): Promise<PreviewAnswer> {
  const key = await requireApiKey();
  try {
    await callApi('admin', '/api/v1/cdp/segments', key, {
      method: 'POST',
      body: { name, definition },
    });
  } catch (error) {
    return refusal(error);
  }
  redirect('/segments');
}

/** Saves a segment's new version (`PUT`): members are re-evaluated against it by the worker. */
export async function updateSegment(
  segmentId: string,
  name: string,
  definition: unknown,
): Promise<PreviewAnswer> {
  const key = await requireApiKey();
  try {
    await callApi('admin', `/api/v1/cdp/segments/${encodeURIComponent(segmentId)}`, key, {
      method: 'PUT',
      body: { name, definition },
    });
  } catch (error) {
    return refusal(error);
  }
  redirect('/segments');
}
