import type { Metadata } from 'next';
import type { SourceList } from '@stratum/schemas';
import { callApi } from '../../../api/api-client';
import { requireApiKey } from '../../../session/session';
import { CreateSourceForm, RotateKeyForm } from '../../../sources/source-forms';
import { createSource, rotateKey } from './actions';

export const metadata: Metadata = { title: 'Sources and keys' };

export default async function SourcesPage() {
  const key = await requireApiKey();
  const { sources } = await callApi<SourceList>('admin', '/api/v1/cdp/sources', key);
  return (
    <section aria-labelledby="sources-title">
      <h1 id="sources-title" className="text-2xl font-semibold">
        Sources and keys
      </h1>
      <p className="mt-1 text-slate-700">
        Each source sends events with its own write key. A key is shown once, when it is made;
        rotating revokes the old one at once.
      </p>
      <ul className="mt-4 space-y-3">
        {sources.map((s) => (
          <li key={s.source_id} className="rounded-md border border-slate-200 bg-white p-3">
            <p>
              <span className="font-medium">{s.name}</span>{' '}
              <span className="text-sm text-slate-700">
                {s.default_country ? `phones default to ${s.default_country} · ` : ''}
                created {s.created_at.slice(0, 10)} ·{' '}
                <code className="font-mono">{s.source_id}</code>
              </span>
            </p>
            <div className="mt-2">
              <RotateKeyForm action={rotateKey} sourceId={s.source_id} sourceName={s.name} />
            </div>
          </li>
        ))}
      </ul>
      <h2 className="mt-8 text-lg font-semibold">Create a source</h2>
      <div className="mt-2">
        <CreateSourceForm action={createSource} />
      </div>
    </section>
  );
}
