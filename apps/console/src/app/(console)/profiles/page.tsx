import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { Profile } from '@stratum/schemas';
import { ApiError, callApi } from '../../../api/api-client';
import { requireApiKey } from '../../../session/session';
import { hashSearch, SEARCH_TYPES } from '../../../profiles/hash-search';

export const metadata: Metadata = { title: 'Profiles' };

/**
 * Profile search by identifier value. The value is normalized and hashed here, on the
 * server, as ingestion does; only the hash goes to the profile API.
 */
export default async function ProfilesPage({
  searchParams,
}: {
  searchParams: Promise<{ type?: string; value?: string }>;
}) {
  const key = await requireApiKey();
  const { type, value } = await searchParams;
  let message: string | undefined;
  if (type !== undefined && value !== undefined) {
    const search = hashSearch(type, value);
    if (!search.ok) {
      message = search.message;
    } else {
      const query = new URLSearchParams({
        identifier_type: search.type,
        identifier_hash: search.hash,
      });
      let found: Profile | undefined;
      try {
        found = await callApi<Profile>('profile', `/api/v1/cdp/profiles?${query}`, key);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 404) throw error;
        message = 'No profile holds this identifier.';
      }
      if (found) redirect(`/profiles/${found.profile_id}`);
    }
  }
  return (
    <section aria-labelledby="profiles-title">
      <h1 id="profiles-title" className="text-2xl font-semibold">
        Find a profile
      </h1>
      <form method="get" className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex flex-col gap-1">
          <label htmlFor="type" className="font-medium">
            Identifier type
          </label>
          <select
            id="type"
            name="type"
            defaultValue={type ?? 'email'}
            className="rounded-md border border-slate-400 px-3 py-2"
          >
            {SEARCH_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor="value" className="font-medium">
            Value
          </label>
          <input
            id="value"
            name="value"
            type="search"
            required
            autoComplete="off"
            className="rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700"
        >
          Search
        </button>
      </form>
      {message ? (
        <p role="status" className="mt-4 text-slate-800">
          {message}
        </p>
      ) : null}
    </section>
  );
}
