import type { Metadata } from 'next';
import Link from 'next/link';
import type { DestinationList } from '@stratum/schemas';
import { callApi } from '../../../api/api-client';
import { CreateDestinationForm } from '../../../destinations/create-destination-form';
import { requireApiKey } from '../../../session/session';
import { createDestination } from './actions';

export const metadata: Metadata = { title: 'Destinations' };

export default async function DestinationsPage() {
  const key = await requireApiKey();
  const { destinations } = await callApi<DestinationList>('admin', '/api/v1/cdp/destinations', key);
  return (
    <section aria-labelledby="destinations-title">
      <h1 id="destinations-title" className="text-2xl font-semibold">
        Destinations
      </h1>
      {destinations.length === 0 ? (
        <p className="mt-4 text-slate-700">No destinations yet.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {destinations.map((d) => (
            <li key={d.destination_id} className="p-3">
              <Link href={`/destinations/${d.destination_id}`} className="font-medium underline">
                {d.name}
              </Link>{' '}
              <span className="text-sm break-all text-slate-700">
                {d.url} · {d.enabled ? 'enabled' : `disabled (${d.disabled_reason ?? 'by a user'})`}
                {d.consent_purpose ? ` · needs ${d.consent_purpose}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-8 text-lg font-semibold">Create a destination</h2>
      <div className="mt-2">
        <CreateDestinationForm action={createDestination} />
      </div>
    </section>
  );
}
