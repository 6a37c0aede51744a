import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { PrivacyRequest } from '@stratum/schemas';
import { ApiError, callApi } from '../../../../api/api-client';
import { requireApiKey } from '../../../../session/session';

export const metadata: Metadata = { title: 'Privacy request' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PrivacyRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const key = await requireApiKey();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  let request: PrivacyRequest;
  try {
    request = await callApi<PrivacyRequest>('admin', `/api/v1/cdp/privacy-requests/${id}`, key);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
  const counts = Object.entries(request.counts).filter(([, n]) => n > 0);
  return (
    <section aria-labelledby="request-title">
      <h1 id="request-title" className="text-2xl font-semibold">
        {request.type} request
      </h1>
      <p className="mt-1 font-mono text-sm text-slate-700">{request.request_id}</p>
      <p className="mt-4">
        Status: <strong data-testid="privacy-status">{request.status}</strong>. {request.message}
      </p>
      {request.status === 'pending' || request.status === 'running' ? (
        <p className="mt-2">
          <Link href={`/privacy/${id}`} className="text-indigo-800 underline">
            Refresh
          </Link>{' '}
          to follow it: the worker runs it.
        </p>
      ) : null}
      {request.error ? (
        <p role="alert" className="mt-2 text-red-800">
          {request.error}
        </p>
      ) : null}
      {counts.length > 0 ? (
        <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          {counts.map(([name, n]) => (
            <div key={name} className="contents">
              <dt className="font-medium">{name.replaceAll('_', ' ')}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="mt-6">
        <Link href="/privacy" className="text-indigo-800 underline">
          Another request
        </Link>
      </p>
    </section>
  );
}
