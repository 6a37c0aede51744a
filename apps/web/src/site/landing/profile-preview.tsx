// Real SHA-256 digests of the example values, so a curious visitor can check them.
const EVENTS = [
  {
    source: 'Web',
    name: 'Page Viewed',
    type: 'anonymous_id',
    hash: 'bf40bca6528bf60b2f8b7dd7f3ce47078e741c12d850162a7da2bcef453edd58',
  },
  {
    source: 'Checkout API',
    name: 'Order Completed',
    type: 'email',
    hash: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
  },
  {
    source: 'iOS app',
    name: 'App Opened',
    type: 'phone',
    hash: '40d3f4e02db27d66cf4cfdda506c2c945f115a7955cc8491dda98ce5beabcda0',
  },
];

const CONSENTS = [
  { purpose: 'analytics', granted: true },
  { purpose: 'marketing', granted: true },
  { purpose: 'advertising', granted: false },
];

function shortHash(hash: string): string {
  return `${hash.slice(0, 6)}…${hash.slice(-4)}`;
}

/** An illustration of the product at work: three events, three sources, one profile. */
export function ProfilePreview() {
  return (
    <figure className="relative">
      <div className="rounded-2xl bg-white p-2 shadow-2xl ring-1 shadow-indigo-900/10 ring-slate-200">
        <div className="flex items-center gap-1.5 px-3 py-2">
          <span aria-hidden="true" className="size-2.5 rounded-full bg-slate-200" />
          <span aria-hidden="true" className="size-2.5 rounded-full bg-slate-200" />
          <span aria-hidden="true" className="size-2.5 rounded-full bg-slate-200" />
          <span className="ml-3 font-mono text-xs text-slate-500">profiles / prf_7c1e…9a04</span>
        </div>
        <div className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 sm:p-5">
          <p className="text-xs font-semibold tracking-wider text-slate-500 uppercase">
            Incoming events
          </p>
          <ul className="mt-3 space-y-2">
            {EVENTS.map((event) => (
              <li
                key={event.source}
                className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-lg bg-white px-3 py-2.5 text-sm ring-1 ring-slate-200"
              >
                <span className="flex items-center gap-2">
                  <span className="rounded-md bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
                    {event.source}
                  </span>
                  <span className="font-medium text-slate-900">{event.name}</span>
                </span>
                <span className="font-mono text-xs text-slate-600">
                  {event.type} <span className="text-indigo-700">{shortHash(event.hash)}</span>
                </span>
              </li>
            ))}
          </ul>
          <div
            aria-hidden="true"
            className="my-3 flex items-center gap-3 text-xs font-medium text-indigo-700"
          >
            <span className="h-px flex-1 bg-indigo-200" />
            resolved deterministically
            <span className="h-px flex-1 bg-indigo-200" />
          </div>
          <div className="rounded-lg bg-white p-4 ring-1 ring-indigo-200">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-semibold text-slate-950">
                One profile{' '}
                <span className="font-mono text-xs font-normal text-slate-500">prf_7c1e…9a04</span>
              </p>
              <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200">
                3 identifiers linked
              </span>
            </div>
            <dl className="mt-4 grid grid-cols-3 gap-3 text-center">
              <Stat label="Events" value="1,284" />
              <Stat label="Sources" value="3" />
              <Stat label="Merged ids" value="1" />
            </dl>
            <ul className="mt-4 flex flex-wrap gap-2" aria-label="Current consent">
              {CONSENTS.map((consent) => (
                <li
                  key={consent.purpose}
                  className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ${
                    consent.granted
                      ? 'bg-indigo-50 text-indigo-800 ring-indigo-200'
                      : 'bg-slate-100 text-slate-600 ring-slate-200'
                  }`}
                >
                  {consent.purpose}: {consent.granted ? 'granted' : 'denied'}
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
      <figcaption className="sr-only">
        Three events from the web site, the checkout API and the iOS app carry different hashed
        identifiers and resolve to one customer profile with its consent.
      </figcaption>
    </figure>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-2 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold text-slate-950 tabular-nums">{value}</dd>
    </div>
  );
}
