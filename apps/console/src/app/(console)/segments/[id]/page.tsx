import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { SegmentDetail } from '@stratum/schemas';
import { ApiError, callApi } from '../../../../api/api-client';
import { SegmentBuilder } from '../../../../segment-builder/segment-builder';
import { requireApiKey } from '../../../../session/session';
import { previewDefinition, updateSegment } from '../actions';

export const metadata: Metadata = { title: 'Edit segment' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A saved segment in the builder, prefilled; saving writes its next version. */
export default async function EditSegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const key = await requireApiKey();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  let segment: SegmentDetail;
  try {
    segment = await callApi<SegmentDetail>('admin', `/api/v1/cdp/segments/${id}`, key);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
  return (
    <section aria-labelledby="edit-segment-title">
      <h1 id="edit-segment-title" className="text-2xl font-semibold">
        Edit {segment.name}
      </h1>
      <p className="mt-1 text-slate-700">
        Version {segment.version}, {segment.member_count}{' '}
        {segment.member_count === 1 ? 'member' : 'members'} now. Saving makes version{' '}
        {segment.version + 1} and recomputes who is a member.
      </p>
      <div className="mt-6">
        <SegmentBuilder
          preview={previewDefinition}
          save={updateSegment.bind(null, segment.segment_id)}
          initial={{ name: segment.name, definition: segment.definition }}
          submitLabel="Save as a new version"
        />
      </div>
    </section>
  );
}
