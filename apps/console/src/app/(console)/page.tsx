import type { Metadata } from 'next';
import Link from 'next/link';
import type { SourceList, SourceQuality, VolumeAnomalyList } from '@stratum/schemas';
import { callApi } from '../../api/api-client';
import { VolumeChart } from '../../overview/volume-chart';
import { volumeSeries } from '../../overview/volume-series';
import { requireApiKey } from '../../session/session';

export const metadata: Metadata = { title: 'Overview' };

/** The window the overview shows: the last week of summarised hours. */
const DAYS = 7;

export default async function OverviewPage() {
  const key = await requireApiKey();
  const { sources } = await callApi<SourceList>('admin', '/api/v1/cdp/sources', key);
  const since = new Date(Date.now() - DAYS * 86_400_000).toISOString();
  const perSource = await Promise.all(
    sources.map(async (source) => {
      const [quality, { anomalies }] = await Promise.all([
        callApi<SourceQuality>(
          'admin',
          `/api/v1/cdp/sources/${source.source_id}/quality?days=${DAYS}`,
          key,
        ),
        callApi<VolumeAnomalyList>(
          'admin',
          `/api/v1/cdp/anomalies?${new URLSearchParams({ source_id: source.source_id, since })}`,
          key,
        ),
      ]);
      return { source, quality, anomalies };
    }),
  );
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title" className="text-2xl font-semibold">
        Overview
      </h1>
      <p className="mt-1 text-slate-700">
        Each source&apos;s events per hour over the last {DAYS} days (as the worker summarises them,
        hourly), anomalies flagged, and match quality.
      </p>
      {perSource.length === 0 ? (
        <p className="mt-4 text-slate-700">No sources yet: create one on the admin API.</p>
      ) : (
        perSource.map(({ source, quality, anomalies }) => (
          <article
            key={source.source_id}
            className="mt-6 rounded-md border border-slate-200 bg-white p-4"
          >
            <h2 className="text-lg font-semibold">{source.name}</h2>
            <p className="font-mono text-xs text-slate-700">{source.source_id}</p>
            <p className="mt-2">
              Match quality <strong data-testid="match-score">{quality.score}</strong> / 10 (
              {quality.rating}). {quality.advice}
            </p>
            {quality.hours.length === 0 ? (
              <p className="mt-2 text-slate-700">No summarised hours yet for this source.</p>
            ) : (
              <div className="mt-3">
                <VolumeChart title={source.name} points={volumeSeries(quality.hours, anomalies)} />
              </div>
            )}
          </article>
        ))
      )}
      <p className="mt-6">
        <Link href="/profiles" className="text-indigo-800 underline">
          Find a profile
        </Link>
      </p>
    </section>
  );
}
