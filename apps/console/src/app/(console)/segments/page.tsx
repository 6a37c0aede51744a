import type { Metadata } from 'next';
import Link from 'next/link';
import type { SegmentList } from '@stratum/schemas';
import { callApi } from '../../../api/api-client';
import { requireApiKey } from '../../../session/session';

export const metadata: Metadata = { title: 'Segments' };

export default async function SegmentsPage() {
  const key = await requireApiKey();
  const { segments } = await callApi<SegmentList>('admin', '/api/v1/cdp/segments', key);
  return (
    <section aria-labelledby="segments-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="segments-title" className="text-2xl font-semibold">
          Segments
        </h1>
        <Link
          href="/segments/new"
          className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800"
        >
          New segment
        </Link>
      </div>
      {segments.length === 0 ? (
        <p className="mt-4 text-slate-700">No segments yet: build the first one.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {segments.map((segment) => (
            <li
              key={segment.segment_id}
              className="flex flex-wrap items-center justify-between gap-2 p-3"
            >
              <p>
                <span className="font-medium">{segment.name}</span>{' '}
                <span className="text-sm text-slate-700">
                  version {segment.version}, updated {segment.updated_at.slice(0, 10)} ·{' '}
                  <code className="font-mono">{segment.segment_id}</code>
                </span>
              </p>
              <Link
                href={`/segments/${segment.segment_id}`}
                aria-label={`Edit ${segment.name}`}
                className="rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 focus:outline-2 focus:outline-indigo-700"
              >
                Edit
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
