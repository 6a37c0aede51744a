import type { Metadata } from 'next';
import Link from 'next/link';
import type { SourceList } from '@stratum/schemas';
import { callApi } from '../../api/api-client';
import { requireApiKey } from '../../session/session';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const key = await requireApiKey();
  const { sources } = await callApi<SourceList>('admin', '/api/v1/cdp/sources', key);
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title" className="text-2xl font-semibold">
        Overview
      </h1>
      <h2 className="mt-6 text-lg font-semibold">Sources</h2>
      {sources.length === 0 ? (
        <p className="mt-2 text-slate-700">No sources yet: create one on the admin API.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-4">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4">
                  Source id
                </th>
                <th scope="col" className="py-2 pr-4">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {sources.map((source) => (
                <tr key={source.source_id} className="border-b border-slate-200">
                  <td className="py-2 pr-4">{source.name}</td>
                  <td className="py-2 pr-4 font-mono">{source.source_id}</td>
                  <td className="py-2 pr-4">{source.created_at.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-6">
        <Link href="/profiles" className="text-indigo-800 underline">
          Find a profile
        </Link>
      </p>
    </section>
  );
}
