import type { Metadata } from 'next';
import { IDENTIFIER_TYPES, PRIVACY_REQUEST_TYPES } from '@stratum/schemas';
import { requireApiKey } from '../../../session/session';
import { submitPrivacyRequest } from './actions';

export const metadata: Metadata = { title: 'Privacy requests' };

const INPUT = 'rounded-md border border-slate-400 px-3 py-2';
const EXPLAIN: Record<string, string> = {
  erase: 'deletes the profiles the identifier reaches and everything held about them',
  suppress: 'stops storing events that carry the identifier',
  unsuppress: 'lifts a suppression',
  access: 'builds one JSON document of everything held',
};

export default async function PrivacyPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string }>;
}) {
  await requireApiKey();
  const { error } = await searchParams;
  return (
    <section aria-labelledby="privacy-title">
      <h1 id="privacy-title" className="text-2xl font-semibold">
        Privacy requests
      </h1>
      <ul className="mt-2 list-disc pl-5 text-slate-700">
        {PRIVACY_REQUEST_TYPES.map((t) => (
          <li key={t}>
            <span className="font-medium">{t}</span> {EXPLAIN[t]}
          </li>
        ))}
      </ul>
      <form action={submitPrivacyRequest} className="mt-6 flex max-w-xl flex-col gap-3">
        <label htmlFor="privacy-type" className="font-medium">
          Request
        </label>
        <select id="privacy-type" name="type" defaultValue="access" className={INPUT}>
          {PRIVACY_REQUEST_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label htmlFor="privacy-identifier-type" className="font-medium">
          Identifier type
        </label>
        <select
          id="privacy-identifier-type"
          name="identifier_type"
          defaultValue="email"
          className={INPUT}
        >
          {IDENTIFIER_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label htmlFor="privacy-value" className="font-medium">
          Value (hashed by the API; only the hash is kept)
        </label>
        <input id="privacy-value" name="value" required autoComplete="off" className={INPUT} />
        {error ? (
          <p role="alert" className="text-red-800">
            Refused: {error}
          </p>
        ) : null}
        <div>
          <button
            type="submit"
            className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800"
          >
            Submit
          </button>
        </div>
      </form>
    </section>
  );
}
