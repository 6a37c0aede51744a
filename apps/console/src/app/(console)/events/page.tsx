import type { Metadata } from 'next';
import type { RejectedEventList } from '@stratum/schemas';
import { callApi } from '../../../api/api-client';
import { LiveEvents } from '../../../live-events/live-events';
import { requireApiKey } from '../../../session/session';

export const metadata: Metadata = { title: 'Live events' };

export default async function EventsPage() {
  const key = await requireApiKey();
  const { rejected_events: rejected } = await callApi<RejectedEventList>(
    'admin',
    '/api/v1/cdp/rejected-events?limit=20',
    key,
  );
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title" className="text-2xl font-semibold">
        Live events
      </h1>
      <p className="mt-1 text-slate-700">
        Events as they are stored, merges and segment entries, from the profile API&apos;s live
        stream; below, the latest rejected events and why.
      </p>
      <div className="mt-4">
        <LiveEvents />
      </div>
      <h2 className="mt-8 text-lg font-semibold">Latest rejected events</h2>
      {rejected.length === 0 ? (
        <p className="mt-2 text-slate-700">None: every event was accepted.</p>
      ) : (
        <ol className="mt-2 space-y-1">
          {rejected.map((r) => (
            <li
              key={`${r.rejected_at}:${r.event_id ?? ''}:${r.index}`}
              className="rounded-md border border-red-200 bg-white p-2 text-sm"
            >
              <span className="font-medium">{r.reason}</span> {r.event_id ?? '(no id)'} via{' '}
              {r.route}, {r.rejected_at.replace('T', ' ').slice(0, 19)} UTC
              <ul className="list-disc pl-5">
                {r.errors.map((e) => (
                  <li key={`${e.path}:${e.message}`}>
                    <code className="font-mono">{e.path}</code> {e.message}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
