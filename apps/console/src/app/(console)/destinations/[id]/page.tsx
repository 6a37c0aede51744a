import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { DeliveryPage, Destination } from '@stratum/schemas';
import { ApiError, callApi } from '../../../../api/api-client';
import { requireApiKey } from '../../../../session/session';
import { EditDestinationForm } from '../../../../destinations/edit-destination-form';
import { replayDead, sendTest, updateDestination } from '../actions';

export const metadata: Metadata = { title: 'Destination' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BUTTON =
  'rounded-md border border-slate-400 px-3 py-1 hover:bg-slate-100 focus:outline-2 focus:outline-indigo-700';

export default async function DestinationPage({ params }: { params: Promise<{ id: string }> }) {
  const key = await requireApiKey();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  let destination: Destination;
  try {
    destination = await callApi<Destination>('admin', `/api/v1/cdp/destinations/${id}`, key);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
  const { deliveries } = await callApi<DeliveryPage>(
    'admin',
    `/api/v1/cdp/destinations/${id}/deliveries?limit=50`,
    key,
  );
  return (
    <section aria-labelledby="destination-title">
      <h1 id="destination-title" className="text-2xl font-semibold">
        {destination.name}
      </h1>
      <p className="mt-1 text-sm break-all text-slate-700">
        {destination.url} · {destination.enabled ? 'enabled' : 'disabled'}
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        <form action={sendTest}>
          <input type="hidden" name="destination_id" value={id} />
          <button type="submit" className={BUTTON}>
            Send a test event
          </button>
        </form>
        <form action={replayDead}>
          <input type="hidden" name="destination_id" value={id} />
          <button type="submit" className={BUTTON}>
            Replay dead deliveries
          </button>
        </form>
      </div>
      <h2 className="mt-8 text-lg font-semibold">Delivery log</h2>
      {deliveries.length === 0 ? (
        <p className="mt-2 text-slate-700">Nothing sent yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                {['Type', 'Status', 'Attempts', 'Last answer', 'Latency', 'Created'].map((h) => (
                  <th key={h} scope="col" className="py-2 pr-4">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.delivery_id} className="border-b border-slate-200">
                  <td className="py-2 pr-4 font-mono">{d.type}</td>
                  <td className="py-2 pr-4">{d.status}</td>
                  <td className="py-2 pr-4">{d.attempts}</td>
                  <td className="py-2 pr-4">{d.last_status ?? d.last_error ?? '—'}</td>
                  <td className="py-2 pr-4">
                    {d.latency_ms === null ? '—' : `${d.latency_ms} ms`}
                  </td>
                  <td className="py-2 pr-4">{d.created_at.replace('T', ' ').slice(0, 19)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 className="mt-8 text-lg font-semibold">Settings</h2>
      <div className="mt-2">
        <EditDestinationForm
          destination={destination}
          action={updateDestination.bind(null, destination.destination_id)}
        />
      </div>
    </section>
  );
}
