import type { Metadata } from 'next';
import { SegmentBuilder } from '../../../../segment-builder/segment-builder';
import { requireApiKey } from '../../../../session/session';
import { createSegment, previewDefinition } from '../actions';

export const metadata: Metadata = { title: 'New segment' };

export default async function NewSegmentPage() {
  await requireApiKey();
  return (
    <section aria-labelledby="new-segment-title">
      <h1 id="new-segment-title" className="text-2xl font-semibold">
        New segment
      </h1>
      <p className="mt-1 text-slate-700">
        Build the definition; the count updates as you edit, validated as saving would.
      </p>
      <div className="mt-6">
        <SegmentBuilder preview={previewDefinition} save={createSegment} />
      </div>
    </section>
  );
}
