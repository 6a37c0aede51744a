import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import type { Profile, ProfileEventsPage } from '@stratum/schemas';
import { ApiError, callApi } from '../../../../api/api-client';
import { buildIdentityGraph, shortId } from '../../../../identity-graph/build-identity-graph';
import { IdentityGraph } from '../../../../identity-graph/identity-graph';
import { requireApiKey } from '../../../../session/session';

export const metadata: Metadata = { title: 'Profile' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-8" aria-label={title}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="text-slate-700">{children}</p>;
}

export default async function ProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const key = await requireApiKey();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  let profile: Profile;
  try {
    profile = await callApi<Profile>('profile', `/api/v1/cdp/profiles/${id}`, key);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
  // A merged-away id answers with its survivor: show the survivor's own address.
  if (profile.profile_id !== id) redirect(`/profiles/${profile.profile_id}`);
  const { events } = await callApi<ProfileEventsPage>(
    'profile',
    `/api/v1/cdp/profiles/${id}/events?limit=20`,
    key,
  );
  const graph = buildIdentityGraph(profile);
  const traits = Object.entries(profile.traits);

  return (
    <article aria-labelledby="profile-title">
      <h1 id="profile-title" className="text-2xl font-semibold">
        Profile <span className="font-mono text-lg">{shortId(profile.profile_id)}</span>
      </h1>
      <p className="mt-1 text-slate-700">
        {profile.event_count} events, seen {profile.first_seen_at.slice(0, 10)} to{' '}
        {profile.last_seen_at.slice(0, 10)}. <span className="font-mono">{profile.profile_id}</span>
      </p>

      <Section title="Identity graph">
        <IdentityGraph nodes={graph.nodes} edges={graph.edges} />
      </Section>

      <Section title="Traits">
        {traits.length === 0 ? (
          <Empty>No traits yet.</Empty>
        ) : (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
            {traits.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="font-medium">{name}</dt>
                <dd className="font-mono text-sm break-all">{JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </Section>

      <Section title="Identifiers">
        <ul className="space-y-1">
          {profile.identifiers.map((i) => (
            <li key={`${i.type}:${i.hash}`} className="text-sm">
              <span className="font-medium">{i.type}</span>{' '}
              <code className="font-mono break-all">{i.hash}</code>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Consents">
        {profile.consents.length === 0 ? (
          <Empty>No consent recorded.</Empty>
        ) : (
          <ul className="space-y-1">
            {profile.consents.map((c) => (
              <li key={c.purpose}>
                <span className="font-medium">{c.purpose}</span>: {c.status} (
                {c.timestamp.slice(0, 10)})
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Segments">
        {profile.segments.length === 0 ? (
          <Empty>In no segment.</Empty>
        ) : (
          <ul className="font-mono text-sm">
            {profile.segments.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Latest events">
        {events.length === 0 ? (
          <Empty>No events stored.</Empty>
        ) : (
          <ol className="space-y-2">
            {events.map((e) => (
              <li key={e.event_id} className="rounded-md border border-slate-200 bg-white p-2">
                <span className="font-medium">{e.name ?? e.type}</span>{' '}
                <span className="text-sm text-slate-700">
                  {e.timestamp.replace('T', ' ').slice(0, 19)} UTC · {e.event_id}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </article>
  );
}
